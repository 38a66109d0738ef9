using System.Globalization;
using System.Text.Json;

namespace NewsPlatform.Gateway.Weather;

/// <summary>The current temperature and weather code at a place, and when they were observed.</summary>
public sealed record WeatherReading(double TemperatureC, int WeatherCode, DateTimeOffset ObservedAt);

/// <summary>
/// Open-Meteo's forecast endpoint, asked for the current temperature and weather code with Unix times in GMT, through
/// the <see cref="HttpClientName"/> client (short timeouts, one retry, a circuit breaker). Anything but a well-formed
/// answer is an exception: the caller keeps its last reading.
/// </summary>
public sealed class OpenMeteoClient(IHttpClientFactory clients)
{
    public const string HttpClientName = "open-meteo";

    public async Task<WeatherReading> CurrentAsync(WeatherPlace place, CancellationToken ct)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"v1/forecast?latitude={place.Latitude}&longitude={place.Longitude}&current=temperature_2m,weather_code&timeformat=unixtime&timezone=GMT");
        using var response = await clients.CreateClient(HttpClientName).GetAsync(query, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var answer = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        if (!answer.RootElement.TryGetProperty("current", out var current) || current.ValueKind != JsonValueKind.Object
            || !current.TryGetProperty("time", out var time) || !time.TryGetInt64(out var unixTime)
            || !current.TryGetProperty("temperature_2m", out var temperature) || !temperature.TryGetDouble(out var celsius)
            || !current.TryGetProperty("weather_code", out var code) || !code.TryGetInt32(out var weatherCode))
        {
            throw new JsonException("Open-Meteo answered without current.time, current.temperature_2m and current.weather_code as numbers.");
        }

        if (!double.IsFinite(celsius) || celsius is < -100 or > 70 || weatherCode is < 0 or > 99 || unixTime is < 0 or > 253402300799)
        {
            throw new JsonException($"Open-Meteo answered an impossible reading ({celsius} °C, code {weatherCode}, time {unixTime}).");
        }

        return new WeatherReading(Math.Round(celsius, 1), weatherCode, DateTimeOffset.FromUnixTimeSeconds(unixTime));
    }
}
