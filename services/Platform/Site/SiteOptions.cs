namespace NewsPlatform.Platform.Site;

/// <summary>The site's configuration (section <c>Site</c>): its languages, sections and time zone.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public List<string> Languages { get; set; } = ["en", "fr"];

    public string DefaultLanguage { get; set; } = "en";

    public List<string> Sections { get; set; } = ["politics", "business", "world", "sport", "local", "lifestyle"];

    public string TimeZone { get; set; } = "Indian/Mauritius";

    public bool IsSiteLanguage(string? language) =>
        language is not null && Languages.Contains(language, StringComparer.OrdinalIgnoreCase);
}
