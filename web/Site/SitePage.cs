using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsPlatform.Web.Gateway;

namespace NewsPlatform.Web.Site;

/// <summary>What the layout needs to describe a page to browsers, search engines and sharing cards.</summary>
public sealed class PageMeta
{
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string CanonicalPath { get; set; } = "/";
    /// <summary>The same page in every language it exists in: hreflang alternates, and the language switch.</summary>
    public List<(string Lang, string Path)> Alternates { get; } = [];
    public string? XDefaultPath { get; set; }
    public string OgType { get; set; } = "website";
    public string? ImagePath { get; set; }
    public string? ImageAlt { get; set; }
    /// <summary>JSON-LD, already serialized with every <c>&lt;</c> escaped.</summary>
    public string? JsonLd { get; set; }
    public bool NoIndex { get; set; }
}

/// <summary>
/// The base of every page: its language, its UI strings and terms, the chrome parts (weather, ads, Must Read), and
/// the helpers the views share to format dates and build links.
/// </summary>
public abstract class SitePage(SiteContext site) : PageModel
{
    public SiteContext Site => site;

    public string Lang { get; protected set; } = site.DefaultLanguage;

    public CultureInfo Culture => site.Culture(Lang);

    public UiStrings S { get; protected set; } = UiStrings.Empty;

    public TermsData? Terms { get; protected set; }

    public WeatherData? Weather { get; protected set; }

    public IReadOnlyDictionary<string, AdData?>? Ads { get; protected set; }

    public ArticleList? MustRead { get; protected set; }

    public PageMeta Meta { get; } = new();

    /// <summary>Whether the layout shows the weather, date and "Download The App" bar (not on error pages).</summary>
    public bool ShowTopBar { get; protected set; } = true;

    public AdData? Ad(string slot) => Ads is not null && Ads.TryGetValue(slot, out var ad) ? ad : null;

    /// <summary>
    /// Set while an article page renders its template (<see cref="PageTemplates"/>): the parts that differ on every view
    /// are written as markers, filled after rendering for this view and from the template for the next ones.
    /// </summary>
    public PageTemplates? Holes { get; protected set; }

    public Microsoft.AspNetCore.Html.HtmlString Hole(string name) => new(Holes!.Marker(name));

    /// <summary>Every reply says the language it is in (CONTRACT.md), pages as well as the API.</summary>
    public override void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context)
    {
        if (!Response.HasStarted) Response.Headers.ContentLanguage = Lang;
        base.OnPageHandlerExecuted(context);
    }

    /// <summary>Takes a page's chrome parts; a part that did not come (its service is down) falls back to the last one seen.</summary>
    protected void UseChrome(string lang, IReadOnlyDictionary<string, string>? strings, TermsData? terms, WeatherData? weather,
        IReadOnlyDictionary<string, AdData?>? ads, ArticleList? mustRead)
    {
        Lang = lang;
        site.Remember(lang, strings, terms);
        var remembered = site.Remembered(lang);
        S = strings is { Count: > 0 } ? new UiStrings(strings) : remembered?.Strings ?? UiStrings.Empty;
        Terms = terms ?? remembered?.Terms;
        Weather = weather;
        Ads = ads;
        MustRead = mustRead;
    }

    /// <summary>
    /// The chrome of a page that has no page answer of its own (search, errors): the home page's parts. An error page
    /// makes do with what is remembered when it is recent, so that a flood of 404s costs the gateway nothing.
    /// </summary>
    protected async Task LoadChromeAsync(GatewayClient gateway, string lang, bool preferRemembered, CancellationToken ct)
    {
        var remembered = site.Remembered(lang);
        if (preferRemembered && site.IsFresh(remembered))
        {
            UseChrome(lang, null, null, null, null, null);
            return;
        }

        var home = await gateway.HomePageAsync(lang, null, null, 1, 1, ct);
        var data = home.Value;
        if (preferRemembered) UseChrome(lang, data?.Strings, data?.Terms, null, null, null);
        else UseChrome(lang, data?.Strings, data?.Terms, data?.Weather, data?.Ads, data?.MustRead);
    }

    /// <summary>Sets the alternates of a page that exists in every site language at the same path after the prefix.</summary>
    protected void AlternatesInEveryLanguage(string pathAfterLanguage)
    {
        foreach (var language in site.Languages) Meta.Alternates.Add((language, $"/{language}/{pathAfterLanguage}"));
        Meta.XDefaultPath = $"/{site.DefaultLanguage}/{pathAfterLanguage}";
    }

    // ---- helpers for the views ----

    /// <summary>Today in the site's time zone, in the page's language ("Friday, April 26, 2024").</summary>
    public string DateLine => FormatDate(site.Now);

    public string FormatDate(DateTimeOffset at)
    {
        var local = site.Local(at);
        try
        {
            return local.ToString(S.IsEmpty ? "D" : S["dateLineFormat"], Culture);
        }
        catch (FormatException)
        {
            return local.ToString("D", Culture);
        }
    }

    public static string IsoDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public string WeatherLine(WeatherData weather) =>
        $"{weather.TemperatureC.ToString("0.0", Culture)} °C {weather.Name ?? weather.Place}";

    /// <summary>An article's page: in its own language when that is a site language, else under this page's.</summary>
    public string ArticlePath(ArticleData article) =>
        $"/{site.SiteLanguage(article.Language) ?? Lang}/{Uri.EscapeDataString(article.Slug)}";

    public string SectionPath(string key) => $"/{Lang}/section/{Uri.EscapeDataString(key)}";

    public string TagPath(string key) => $"/{Lang}/tag/{Uri.EscapeDataString(key)}";

    public string SectionName(string key) => Terms?.Sections?.GetValueOrDefault(key) ?? key;

    public string TagName(string key) => Terms?.Tags?.GetValueOrDefault(key) ?? key;

    public string Absolute(string pathOrUrl) =>
        Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.ToString()
            : $"{Request.Scheme}://{Request.Host}{(pathOrUrl.StartsWith('/') ? "" : "/")}{pathOrUrl}";

    /// <summary>A localized error page (404, 503, …) with this page's status.</summary>
    protected async Task<IActionResult> ErrorPageAsync(GatewayClient gateway, string lang, int status, CancellationToken ct)
    {
        await LoadChromeAsync(gateway, lang, preferRemembered: true, ct);
        ErrorStatus = status;
        ShowTopBar = false;
        Meta.Title = S[ErrorTitleKey(status)];
        Meta.NoIndex = true;
        Meta.CanonicalPath = Request.Path;
        Response.StatusCode = status;
        if (status == 503) Response.Headers.RetryAfter = "10";
        return Page();
    }

    /// <summary>Set when this page renders an error instead of its own content.</summary>
    public int? ErrorStatus { get; protected set; }

    public static string ErrorTitleKey(int status) => status switch
    {
        404 => "pageNotFound",
        400 => "badRequest",
        413 => "requestTooLarge",
        503 => "serviceUnavailable",
        _ => "somethingWentWrong",
    };

    public static string ErrorTextKey(int status) => ErrorTitleKey(status) + "Text";
}
