using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace NewsPlatform.Gateway.Weather;

public static class WeatherSetup
{
    /// <summary>
    /// The weather readings and the provider's HTTP client: a reading is worth little next to the page it is on, so
    /// the client gives up fast (2 s a try, one retry, 5 s in all) and a circuit breaker stops asking a provider that
    /// keeps failing.
    /// </summary>
    public static IServiceCollection AddWeather(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(new WeatherClock(TimeProvider.System));
        services.AddOptions<WeatherOptions>().Bind(configuration.GetSection(WeatherOptions.Section))
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "Gateway:Weather:BaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.Places.ContainsKey(o.DefaultPlace), "Gateway:Weather:DefaultPlace must be one of Gateway:Weather:Places.")
            .Validate(o => o.Places.Values.All(p => p.Latitude is >= -90 and <= 90 && p.Longitude is >= -180 and <= 180),
                "Every place of Gateway:Weather:Places needs a latitude (-90..90) and a longitude (-180..180).")
            .ValidateOnStart();
        services.AddHttpClient(OpenMeteoClient.HttpClientName, (provider, client) =>
                client.BaseAddress = new Uri(provider.GetRequiredService<IOptions<WeatherOptions>>().Value.BaseUrl.TrimEnd('/') + "/"))
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            });
        services.AddSingleton<OpenMeteoClient>();
        services.AddSingleton<WeatherReadings>();
        return services;
    }
}

/// <summary>
/// The clock that ages weather readings, apart from the process's <see cref="TimeProvider"/>: a test holds this one,
/// while the HTTP client's resilience pipeline keeps real time (under a held clock its retry delays never elapse, and
/// the host could not stop while a fetch waited on one).
/// </summary>
public sealed record WeatherClock(TimeProvider Time);
