using System.Security.Claims;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Localization.Strings;

public sealed record StringInput(string? Value);

public sealed record StringView(string Lang, string Key, string Value);

/// <summary>
/// The UI strings of a language, key by key along its fallback chain (<c>fr-MU → fr → en</c>). The ETag names the
/// version of every catalog in the chain (<c>"4.0.7"</c>), so a change in any of them changes it; the first
/// number is the language's own catalog, which is what a PUT's If-Match must name.
/// </summary>
public static partial class StringEndpoints
{
    public const int MaxValue = 2000;

    public static async Task<IResult> Get(string lang, IQuerySession session, IOptions<SiteOptions> site, HttpRequest http,
        HttpResponse response, CancellationToken ct)
    {
        if (!LanguageNegotiation.IsLanguageTag(lang)) return InvalidLanguage();
        var (chain, catalogs) = await LoadChainAsync(session, site.Value, lang, ct);
        var etag = ETagOf(chain, catalogs);
        response.Headers.CacheControl = "public, max-age=60";
        response.Headers.ContentLanguage = chain.FirstOrDefault(catalogs.ContainsKey) ?? site.Value.DefaultLanguage;
        if (http.IsNotModified(etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified).WithHeaders(("ETag", etag));

        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in chain.Reverse())
        {
            if (!catalogs.TryGetValue(language, out var catalog)) continue;
            foreach (var (key, value) in catalog.Entries) merged[key] = value;
        }

        return TypedResults.Ok(merged).WithHeaders(("ETag", etag));
    }

    public static async Task<IResult> Put(string lang, string key, StringInput input, IDocumentSession session, IOptions<SiteOptions> site,
        HttpRequest http, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (!LanguageNegotiation.IsLanguageTag(lang)) return InvalidLanguage();
        var errors = new ValidationErrors().Length("value", input.Value?.Trim(), 1, MaxValue);
        if (!KeyPattern().IsMatch(key)) errors.Add("key", "key is a letter followed by up to 99 letters, digits, '.', '_' or '-'.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!IsLanguageOfSite(site.Value, lang)) return Problems.NotFound($"{lang} is not a language of this site (nor a variant of one).");
        var language = LanguageNegotiation.Normalize(lang);
        if (!TryOwnVersion(http, out var expected, out var problem)) return problem!;

        var id = StringCatalog.StreamId(language);
        var catalog = await session.LoadAsync<StringCatalog>(id, ct);
        if ((catalog?.Version ?? 0) != expected) return Problems.PreconditionFailed();
        var value = input.Value!.Trim();
        if (catalog?.Entries.GetValueOrDefault(key) != value)
        {
            var changed = new StringChanged(language, key, value, user.ActorName(), clock.GetUtcNow());
            if (catalog is null) session.Events.StartStream<StringCatalog>(id, changed);
            else session.Events.Append(id, catalog.Version + 1, changed);
            await session.SaveChangesAsync(ct);
        }

        var (chain, catalogs) = await LoadChainAsync(session, site.Value, language, ct);
        return TypedResults.Ok(new StringView(language, key, value))
            .WithHeaders(("ETag", ETagOf(chain, catalogs)), ("Content-Language", language));
    }

    /// <summary>A site language, a configured one (<c>mfe</c>), or a regional variant of a site language (<c>fr-MU</c>).</summary>
    public static bool IsLanguageOfSite(SiteOptions site, string lang) =>
        site.IsSiteLanguage(lang) || site.Fallbacks.Keys.Contains(lang, StringComparer.OrdinalIgnoreCase)
        || site.IsSiteLanguage(LanguageNegotiation.Normalize(lang).Split('-')[0]);

    private static async Task<(IReadOnlyList<string> Chain, Dictionary<string, StringCatalog> Catalogs)> LoadChainAsync(
        IQuerySession session, SiteOptions site, string lang, CancellationToken ct)
    {
        var chain = site.Chain(lang);
        var catalogs = (await session.LoadManyAsync<StringCatalog>(ct, chain.Select(StringCatalog.StreamId)))
            .ToDictionary(c => chain.First(l => StringCatalog.StreamId(l) == c.Id), StringComparer.OrdinalIgnoreCase);
        return (chain, catalogs);
    }

    private static string ETagOf(IReadOnlyList<string> chain, Dictionary<string, StringCatalog> catalogs) =>
        $"\"{string.Join('.', chain.Select(l => catalogs.GetValueOrDefault(l)?.Version ?? 0))}\"";

    /// <summary>The version of the language's own catalog that If-Match names: the first number of the ETag.</summary>
    private static bool TryOwnVersion(HttpRequest http, out long version, out IResult? problem)
    {
        version = 0;
        problem = null;
        var header = http.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            problem = Problems.PreconditionRequired();
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count != 1 || tags[0].IsWeak
            || !long.TryParse(tags[0].Tag.AsSpan().Trim('"').ToString().Split('.')[0], out version))
        {
            problem = Problems.PreconditionFailed();
            return false;
        }

        return true;
    }

    private static IResult InvalidLanguage() => Problems.Validation("lang", "lang must be a BCP 47 language tag such as fr or fr-MU.");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
