using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace NewsPlatform.Platform.Site;

/// <summary>
/// CONTRACT.md's language rule, in one place for every service and the gateway: the <c>lang</c> query beats
/// <c>Accept-Language</c> (by q-value) beats the site default, and each tag falls back along its configured chain
/// (<c>Site:Fallbacks</c>, e.g. <c>mfe → fr</c>), else to its primary subtag (<c>fr-MU → fr</c>), and finally to the
/// site's default language.
/// </summary>
public static partial class LanguageNegotiation
{
    /// <summary>A BCP 47 tag of the usual shape: a 2–8 letter language, then subtags of 1–8 letters or digits.</summary>
    public static bool IsLanguageTag(string? tag) => tag is { Length: <= 35 } && TagPattern().IsMatch(tag);

    /// <summary>What a field that must hold a language tag says when it does not.</summary>
    public static string InvalidTagMessage(string field) => $"{field} must be a BCP 47 language tag such as en or fr-MU.";

    /// <summary>The tag in its conventional case: <c>fr-mu</c> → <c>fr-MU</c>, <c>zh-hant</c> → <c>zh-Hant</c>.</summary>
    public static string Normalize(string tag)
    {
        var parts = tag.Trim().Split('-');
        parts[0] = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
        {
            parts[i] = parts[i].Length switch
            {
                2 => parts[i].ToUpperInvariant(),
                4 => char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant(),
                _ => parts[i].ToLowerInvariant(),
            };
        }

        return string.Join('-', parts);
    }

    /// <summary>
    /// The languages to try for this request, best first, ending with the site default: the chain of <c>lang</c>
    /// when it is given, else the chains of the Accept-Language tags by q-value. Malformed tags are skipped here;
    /// a route that takes <c>lang</c> checks it with <see cref="IsLanguageTag"/> first and answers 400.
    /// </summary>
    public static IReadOnlyList<string> Candidates(this SiteOptions site, HttpRequest request, string? lang)
    {
        IEnumerable<string> wanted = !string.IsNullOrWhiteSpace(lang)
            ? [lang]
            : request.GetTypedHeaders().AcceptLanguage
                .Where(l => l.Quality is null or > 0 && l.Value.Value is { } v && v != "*")
                .OrderByDescending(l => l.Quality ?? 1) // a stable sort: equal q keeps the client's order
                .Select(l => l.Value.Value!);
        var chain = new List<string>();
        foreach (var tag in wanted.Where(IsLanguageTag).Select(Normalize))
        {
            foreach (var candidate in site.Chain(tag, withDefault: false))
            {
                if (!chain.Contains(candidate, StringComparer.OrdinalIgnoreCase)) chain.Add(candidate);
            }
        }

        if (!chain.Contains(site.DefaultLanguage, StringComparer.OrdinalIgnoreCase)) chain.Add(site.DefaultLanguage);
        return chain;
    }

    /// <summary>
    /// One tag's chain: itself, then its configured fallbacks in order (<c>"mfe": ["fr"]</c>) or, with none
    /// configured, its shorter forms (<c>fr-MU → fr</c>), then the site default.
    /// </summary>
    public static IReadOnlyList<string> Chain(this SiteOptions site, string tag) => site.Chain(tag, withDefault: true);

    private static List<string> Chain(this SiteOptions site, string tag, bool withDefault)
    {
        var first = Normalize(tag);
        var configured = site.Fallbacks.FirstOrDefault(f => string.Equals(f.Key, first, StringComparison.OrdinalIgnoreCase)).Value;
        IEnumerable<string> fallbacks = configured is { Count: > 0 }
            ? configured.Where(IsLanguageTag).Select(Normalize)
            : ShorterForms(first);
        var chain = new List<string> { first };
        foreach (var candidate in withDefault ? fallbacks.Append(Normalize(site.DefaultLanguage)) : fallbacks)
        {
            if (!chain.Contains(candidate, StringComparer.OrdinalIgnoreCase)) chain.Add(candidate);
        }

        return chain;
    }

    private static IEnumerable<string> ShorterForms(string tag)
    {
        for (var cut = tag.LastIndexOf('-'); cut > 0; cut = tag.LastIndexOf('-'))
        {
            tag = tag[..cut];
            yield return tag;
        }
    }

    /// <summary>The first site language among the candidates (the site default when none is).</summary>
    public static string SiteLanguageOf(this SiteOptions site, IReadOnlyList<string> candidates) =>
        candidates.FirstOrDefault(site.IsSiteLanguage) is { } language ? Normalize(language) : site.DefaultLanguage;

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
