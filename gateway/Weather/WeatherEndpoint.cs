using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Gateway.Weather;

/// <summary>What a page shows: the place's name and the condition in the reader's language.</summary>
public sealed record CurrentWeather(string Place, string Name, double TemperatureC, string? Condition, DateTimeOffset ObservedAt);

/// <summary>
/// <c>GET /api/weather?place=&amp;lang=</c>: the current weather at a configured place (default Port Louis), or 204
/// when no reading is younger than the maximum age. Part of the pages, so it lives at the gateway.
/// </summary>
public static class WeatherEndpoint
{
    public static async Task<Results<Ok<CurrentWeather>, NoContent, ProblemHttpResult, ValidationProblem>> Get(HttpRequest request,
        HttpResponse response, WeatherReadings readings, IOptions<WeatherOptions> options, IOptions<SiteOptions> site, CancellationToken ct,
        string? place = null, string? lang = null)
    {
        if (!string.IsNullOrWhiteSpace(lang) && !LanguageNegotiation.IsLanguageTag(lang.Trim()))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = [LanguageNegotiation.InvalidTagMessage("lang")] },
                detail: "One or more fields are invalid.", title: "Validation failed");
        }

        var key = string.IsNullOrWhiteSpace(place) ? options.Value.DefaultPlace : place.Trim();
        if (!options.Value.Places.ContainsKey(key))
        {
            return TypedResults.Problem($"No weather is kept for the place '{key}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var candidates = site.Value.Candidates(request, lang?.Trim());
        var weather = await ForAsync(readings, options.Value, key, candidates, firstReadingWait: null, ct);
        if (weather is null)
        {
            response.Headers.CacheControl = "no-cache";
            return TypedResults.NoContent();
        }

        response.Headers.CacheControl = "public, max-age=60";
        response.Headers.ContentLanguage = TextLanguage(candidates);
        return TypedResults.Ok(weather);
    }

    /// <summary>
    /// The weather of a configured place for readers of these languages (best first), or null without a fresh reading;
    /// the first reading after a start is waited for at most <paramref name="firstReadingWait"/> (null: until fetched).
    /// </summary>
    public static async Task<CurrentWeather?> ForAsync(WeatherReadings readings, WeatherOptions options, string key,
        IReadOnlyList<string> candidates, TimeSpan? firstReadingWait, CancellationToken ct)
    {
        if (!options.Places.TryGetValue(key, out var place)) return null;
        if (await readings.FreshAsync(key, place, firstReadingWait, ct) is not { } reading) return null;
        var name = candidates.Select(c => place.Names.GetValueOrDefault(c)).FirstOrDefault(n => !string.IsNullOrEmpty(n))
                   ?? (place.Name.Length > 0 ? place.Name : key);
        return new CurrentWeather(key.ToLowerInvariant(), name, reading.TemperatureC,
            WeatherConditions.Describe(reading.WeatherCode, TextLanguage(candidates)), reading.ObservedAt);
    }

    private static string TextLanguage(IReadOnlyList<string> candidates) =>
        candidates.FirstOrDefault(c => WeatherConditions.Languages.Contains(c, StringComparer.OrdinalIgnoreCase))?.ToLowerInvariant() ?? "en";
}
