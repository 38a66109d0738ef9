namespace NewsPlatform.Gateway.Weather;

/// <summary>
/// The short text for a WMO weather interpretation code (the <c>weather_code</c> Open-Meteo gives), per language.
/// English is the last fallback; a code outside the WMO table has no text.
/// </summary>
public static class WeatherConditions
{
    private static readonly Dictionary<int, (string En, string Fr)> Texts = new()
    {
        [0] = ("Clear sky", "Ciel dégagé"),
        [1] = ("Mainly clear", "Plutôt dégagé"),
        [2] = ("Partly cloudy", "Partiellement nuageux"),
        [3] = ("Overcast", "Couvert"),
        [45] = ("Fog", "Brouillard"),
        [48] = ("Freezing fog", "Brouillard givrant"),
        [51] = ("Light drizzle", "Bruine légère"),
        [53] = ("Drizzle", "Bruine"),
        [55] = ("Dense drizzle", "Bruine dense"),
        [56] = ("Light freezing drizzle", "Bruine verglaçante légère"),
        [57] = ("Freezing drizzle", "Bruine verglaçante"),
        [61] = ("Light rain", "Pluie faible"),
        [63] = ("Rain", "Pluie"),
        [65] = ("Heavy rain", "Forte pluie"),
        [66] = ("Light freezing rain", "Pluie verglaçante légère"),
        [67] = ("Freezing rain", "Pluie verglaçante"),
        [71] = ("Light snow", "Neige faible"),
        [73] = ("Snow", "Neige"),
        [75] = ("Heavy snow", "Forte neige"),
        [77] = ("Snow grains", "Grains de neige"),
        [80] = ("Light showers", "Averses faibles"),
        [81] = ("Showers", "Averses"),
        [82] = ("Violent showers", "Averses violentes"),
        [85] = ("Snow showers", "Averses de neige"),
        [86] = ("Heavy snow showers", "Fortes averses de neige"),
        [95] = ("Thunderstorm", "Orage"),
        [96] = ("Thunderstorm with hail", "Orage avec grêle"),
        [99] = ("Thunderstorm with heavy hail", "Orage avec forte grêle"),
    };

    /// <summary>The languages there are texts in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    public static string? Describe(int code, string language) =>
        Texts.TryGetValue(code, out var text) ? (language == "fr" ? text.Fr : text.En) : null;
}
