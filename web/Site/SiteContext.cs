using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Site;
using NewsPlatform.Web.Gateway;

namespace NewsPlatform.Web.Site;

/// <summary>
/// What every page of the site shares: the site languages and their cultures, the site's time zone, and the last
/// UI strings and terms seen per language — so that an error page, or a page served while the localization service
/// is down, still speaks the reader's language.
/// </summary>
public sealed class SiteContext
{
    private readonly ConcurrentDictionary<string, CultureInfo> cultures = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> ogLocales = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Chrome> chrome = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider clock;

    public SiteContext(IOptions<SiteOptions> site, IOptions<WebOptions> web, TimeProvider clock)
    {
        Options = site.Value;
        Web = web.Value;
        this.clock = clock;
        TimeZone = FindZone(Options.TimeZone);
    }

    public SiteOptions Options { get; }

    public WebOptions Web { get; }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<string> Languages => Options.Languages;

    public string DefaultLanguage => LanguageNegotiation.Normalize(Options.DefaultLanguage);

    /// <summary>The site language the route names, in its conventional case; null when it is not one.</summary>
    public string? SiteLanguage(string? lang) =>
        lang is not null && Options.IsSiteLanguage(lang) ? Options.Languages.First(l => string.Equals(l, lang, StringComparison.OrdinalIgnoreCase)) : null;

    public CultureInfo Culture(string lang) => cultures.GetOrAdd(lang, static l =>
    {
        try
        {
            return CultureInfo.GetCultureInfo(l);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    });

    /// <summary>The OpenGraph locale of a language (<c>fr</c> → <c>fr_FR</c>), or the language itself when it has none.</summary>
    public string OgLocale(string lang) => ogLocales.GetOrAdd(lang, static l =>
    {
        try
        {
            return CultureInfo.CreateSpecificCulture(l).Name.Replace('-', '_');
        }
        catch (CultureNotFoundException)
        {
            return l;
        }
    });

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone);

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZone);

    /// <summary>A page's strings and terms, remembered for the pages that come without them.</summary>
    public sealed record Chrome(UiStrings Strings, TermsData? Terms, DateTimeOffset At);

    public void Remember(string lang, IReadOnlyDictionary<string, string>? strings, TermsData? terms)
    {
        if (strings is not { Count: > 0 }) return;
        var previous = chrome.GetValueOrDefault(lang);
        chrome[lang] = new Chrome(new UiStrings(strings), terms ?? previous?.Terms, clock.GetUtcNow());
    }

    public Chrome? Remembered(string lang) => chrome.GetValueOrDefault(lang);

    /// <summary>True when the remembered chrome is recent enough for an error page, which should not cost a gateway call.</summary>
    public bool IsFresh(Chrome? remembered) => remembered is not null && clock.GetUtcNow() - remembered.At < TimeSpan.FromMinutes(5);

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
