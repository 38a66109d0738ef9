namespace NewsPlatform.Gateway.Weather;

/// <summary>The weather the pages show (section <c>Gateway:Weather</c>).</summary>
public sealed class WeatherOptions
{
    public const string Section = "Gateway:Weather";

    /// <summary>Open-Meteo, or a stand-in of it in tests.</summary>
    public string BaseUrl { get; set; } = "https://api.open-meteo.com/";

    /// <summary>The place of <c>GET /api/weather</c> without <c>place</c>, and of the pages.</summary>
    public string DefaultPlace { get; set; } = "port-louis";

    /// <summary>The places readers may ask for, by key. Configuration adds to (or changes) Port Louis.</summary>
    public Dictionary<string, WeatherPlace> Places { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["port-louis"] = new WeatherPlace
        {
            Name = "Port Louis",
            Names = new(StringComparer.OrdinalIgnoreCase) { ["en"] = "Port Louis", ["fr"] = "Port-Louis" },
            Latitude = -20.1609,
            Longitude = 57.5012,
        },
    };

    /// <summary>The provider is asked at most this often per place, whatever the traffic.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An observation older than this is not shown (204).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(3);
}

public sealed class WeatherPlace
{
    /// <summary>The name when none is given for the reader's language.</summary>
    public string Name { get; set; } = "";

    /// <summary>The name per language (<c>en</c>, <c>fr</c>…), chosen along the language's fallback chain.</summary>
    public Dictionary<string, string> Names { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public double Latitude { get; set; }

    public double Longitude { get; set; }
}
