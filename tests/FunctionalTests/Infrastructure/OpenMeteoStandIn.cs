using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>
/// A local stand-in of Open-Meteo's forecast endpoint (<c>GET /v1/forecast?latitude=&amp;longitude=&amp;current=…</c>) on a
/// real port, so the gateway's weather client is tested over HTTP as it runs against the real provider. A test sets
/// the reading it answers with, or makes the provider fail.
/// </summary>
public sealed class OpenMeteoStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private OpenMeteoStandIn(WebApplication app, int port)
    {
        this.app = app;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>What <c>Gateway:Weather:BaseUrl</c> should be.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The current reading answered: temperature in °C, WMO weather code, observation time.</summary>
    public (double TemperatureC, int WeatherCode, DateTimeOffset ObservedAt) Reading { get; set; } =
        (25.1, 1, DateTimeOffset.UtcNow);

    /// <summary>When set, every request answers 503, as a provider outage would.</summary>
    public bool Down { get; set; }

    /// <summary>How many forecast requests arrived (the gateway must not ask more than every 10 minutes).</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>The query string of the last request.</summary>
    public string? LastQuery { get; private set; }

    public static async Task<OpenMeteoStandIn> StartAsync()
    {
        var port = TestEnvironment.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new OpenMeteoStandIn(app, port);
        app.MapGet("/v1/forecast", (HttpRequest request) =>
        {
            Interlocked.Increment(ref standIn.requests);
            standIn.LastQuery = request.QueryString.Value;
            if (standIn.Down) return Results.StatusCode(503);
            var (temperature, code, observed) = standIn.Reading;
            // The shape Open-Meteo answers with for current=temperature_2m,weather_code&timeformat=unixtime.
            var json = $$$"""
                {"latitude":-20.16,"longitude":57.5,"utc_offset_seconds":0,"timezone":"GMT",
                 "current_units":{"time":"unixtime","interval":"seconds","temperature_2m":"°C","weather_code":"wmo code"},
                 "current":{"time":{{{observed.ToUnixTimeSeconds()}}},"interval":900,
                            "temperature_2m":{{{temperature.ToString(CultureInfo.InvariantCulture)}}},"weather_code":{{{code}}}}}
                """;
            return Results.Text(json, "application/json");
        });
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
