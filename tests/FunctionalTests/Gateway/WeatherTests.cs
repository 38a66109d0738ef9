using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.FunctionalTests.Infrastructure;
using NewsPlatform.Gateway;

namespace NewsPlatform.FunctionalTests.Gateway;

/// <summary>
/// <c>GET /api/weather</c> and the pages' <c>weather</c>, against a local stand-in of Open-Meteo: fresh, stale, the
/// provider down, and the provider asked at most every 10 minutes whatever the traffic.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WeatherTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_fresh_reading_is_served_in_the_readers_language_with_the_pages()
    {
        await using var provider = await OpenMeteoStandIn.StartAsync();
        var observed = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-7).ToUnixTimeSeconds());
        provider.Reading = (25.14, 2, observed);
        await using var gateway = platform.StartGateway(WithProvider(provider));
        using var reader = platform.Client(gateway: gateway);

        var answer = await reader.GetAsync("/api/weather");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("public, max-age=60", answer.Headers.CacheControl!.ToString());
        var weather = await answer.ReadObject();
        Assert.Equal("port-louis", (string)weather["place"]!);
        Assert.Equal("Port Louis", (string)weather["name"]!);
        Assert.Equal(25.1, (double)weather["temperatureC"]!);
        Assert.Equal("Partly cloudy", (string)weather["condition"]!);
        Assert.Equal(observed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), weather["observedAt"]!.GetValue<string>());

        // What the gateway asked the provider for: Port Louis, current temperature and weather code, Unix times in GMT.
        var query = Uri.UnescapeDataString(provider.LastQuery!);
        foreach (var part in new[] { "latitude=-20.1609", "longitude=57.5012", "current=temperature_2m,weather_code", "timeformat=unixtime", "timezone=GMT" })
        {
            Assert.Contains(part, query);
        }

        var french = await (await reader.GetAsync("/api/weather?place=port-louis&lang=fr-MU")).ReadObject();
        Assert.Equal("Partiellement nuageux", (string)french["condition"]!);
        Assert.Equal("Port-Louis", (string)french["name"]!);
        using var acceptFrench = new HttpRequestMessage(HttpMethod.Get, "/api/weather");
        acceptFrench.Headers.AcceptLanguage.ParseAdd("fr");
        Assert.Equal("Partiellement nuageux", (string)(await (await reader.SendAsync(acceptFrench)).ReadObject())["condition"]!);

        var unknown = await reader.GetAsync("/api/weather?place=atlantis");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/api/weather?lang=%3Cb%3E")).StatusCode);

        var home = await (await reader.GetAsync("/api/pages/home?lang=fr")).ReadObject();
        Assert.Equal("Partiellement nuageux", (string)home["weather"]!["condition"]!);
        Assert.Equal(25.1, (double)home["weather"]!["temperatureC"]!);
        Assert.Equal(1, provider.Requests);
    }

    [Fact]
    public async Task An_observation_older_than_three_hours_is_204()
    {
        await using var provider = await OpenMeteoStandIn.StartAsync();
        provider.Reading = (24.0, 0, DateTimeOffset.UtcNow.AddHours(-4));
        await using var gateway = platform.StartGateway(WithProvider(provider));
        using var reader = platform.Client(gateway: gateway);

        var answer = await reader.GetAsync("/api/weather");
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal(1, provider.Requests);
    }

    [Fact]
    public async Task With_the_provider_down_the_weather_is_204_and_the_pages_still_render_without_it()
    {
        await using var provider = await OpenMeteoStandIn.StartAsync();
        provider.Down = true;
        await using var gateway = platform.StartGateway(WithProvider(provider));
        using var reader = platform.Client(gateway: gateway);

        Assert.Equal(HttpStatusCode.NoContent, (await reader.GetAsync("/api/weather")).StatusCode);
        var home = await reader.GetAsync("/api/pages/home?lang=en");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var body = await home.ReadObject();
        Assert.True(body.ContainsKey("weather"));
        Assert.Null(body["weather"]);
        Assert.NotNull(body["latestArticles"]);
        Assert.InRange(provider.Requests, 1, 2); // one fetch (and its one retry), not one per request
    }

    [Fact]
    public async Task The_provider_is_asked_at_most_every_ten_minutes_and_its_failures_keep_the_last_reading()
    {
        await using var provider = await OpenMeteoStandIn.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        provider.Reading = (25.1, 1, clock.GetUtcNow().AddMinutes(-1));
        var settings = WithProvider(provider);
        settings["ReverseProxy:Clusters:articles:Destinations:primary:Address"] = platform.Articles.Address.ToString();
        settings["ReverseProxy:Clusters:comments:Destinations:primary:Address"] = platform.Comments.Address.ToString();
        settings["ReverseProxy:Clusters:localization:Destinations:primary:Address"] = platform.Localization.Address.ToString();
        settings["ReverseProxy:Clusters:advertising:Destinations:primary:Address"] = platform.Advertising.Address.ToString();

        // The gateway with a clock the test holds: the refresh interval only passes when the test says so.
        await using var gateway = platform.StartService<GatewayApp>(settings, services: s => s.AddSingleton(new NewsPlatform.Gateway.Weather.WeatherClock(clock)));
        using var reader = platform.Client(gateway: gateway);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(25.1, (double)(await (await reader.GetAsync("/api/weather")).ReadObject())["temperatureC"]!);
            await reader.GetAsync("/api/pages/home");
        }

        Assert.Equal(1, provider.Requests);

        provider.Reading = (26.3, 3, clock.GetUtcNow().AddMinutes(8));
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(25.1, (double)(await (await reader.GetAsync("/api/weather")).ReadObject())["temperatureC"]!);
        Assert.Equal(1, provider.Requests);

        // Past ten minutes the next request starts one refresh; readers keep the last reading until it lands.
        clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.Until(async () => (double)(await (await reader.GetAsync("/api/weather")).ReadObject())["temperatureC"]!,
            t => t == 26.3, TimeSpan.FromSeconds(10), "the refreshed reading");
        Assert.Equal(2, provider.Requests);
        Assert.Equal("Overcast", (string)(await (await reader.GetAsync("/api/weather")).ReadObject())["condition"]!);

        // The provider fails: the last reading stays until it is three hours old, and then the weather is 204.
        provider.Down = true;
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(26.3, (double)(await (await reader.GetAsync("/api/weather")).ReadObject())["temperatureC"]!);
        await Eventually.Until(() => Task.FromResult(provider.Requests), n => n >= 3, TimeSpan.FromSeconds(10), "a refresh attempt");
        Assert.Equal(26.3, (double)(await (await reader.GetAsync("/api/weather")).ReadObject())["temperatureC"]!);

        clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(HttpStatusCode.NoContent, (await reader.GetAsync("/api/weather")).StatusCode);
        var home = await (await reader.GetAsync("/api/pages/home")).ReadObject();
        Assert.Null(home["weather"]);
    }

    private static Dictionary<string, string?> WithProvider(OpenMeteoStandIn provider) => new()
    {
        ["Gateway:Weather:BaseUrl"] = provider.BaseUrl.ToString(),
    };
}
