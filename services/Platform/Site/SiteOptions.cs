namespace NewsPlatform.Platform.Site;

/// <summary>The site's configuration (section <c>Site</c>): its languages, sections and time zone.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public List<string> Languages { get; set; } = ["en", "fr"];

    public string DefaultLanguage { get; set; } = "en";

    /// <summary>
    /// Where a language falls back before the default (<see cref="LanguageNegotiation"/>), e.g.
    /// <c>"mfe": ["fr"]</c> for Mauritian Creole. A tag with a region and no entry falls back to its language
    /// (<c>fr-MU → fr</c>), so that chain needs no configuration.
    /// </summary>
    public Dictionary<string, List<string>> Fallbacks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Sections { get; set; } = ["politics", "business", "world", "sport", "local", "lifestyle"];

    public string TimeZone { get; set; } = "Indian/Mauritius";

    public string Name { get; set; } = "NewsPlatform";

    /// <summary>The public address of the site, for links in feeds and the sitemap.</summary>
    public string BaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>Where a reader finds an article on the site: {baseUrl}, {lang} and {slug} are filled in.</summary>
    public string ArticleUrlTemplate { get; set; } = "{baseUrl}/{lang}/{slug}";

    public string ArticleUrl(string lang, string slug) => ArticleUrlTemplate
        .Replace("{baseUrl}", BaseUrl.TrimEnd('/')).Replace("{lang}", lang).Replace("{slug}", Uri.EscapeDataString(slug));

    /// <summary>A site language, a configured one (<c>mfe</c>), or a regional variant of a site language (<c>fr-MU</c>).</summary>
    public bool Serves(string lang) =>
        IsSiteLanguage(lang) || Fallbacks.Keys.Contains(lang, StringComparer.OrdinalIgnoreCase) || IsSiteLanguage(lang.Split('-')[0]);

    public bool IsSiteLanguage(string? language) =>
        language is not null && Languages.Contains(language, StringComparer.OrdinalIgnoreCase);
}
