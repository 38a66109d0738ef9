using System.Security.Claims;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.Options;
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
        if (!site.Value.Serves(lang)) return Problems.NotFound($"{lang} is not a language of this site (nor a variant of one).");
        var language = LanguageNegotiation.Normalize(lang);
        if (!http.TryGetExpectedOwnVersion(out var expected, out var problem)) return problem!;

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

    private static async Task<(IReadOnlyList<string> Chain, Dictionary<string, StringCatalog> Catalogs)> LoadChainAsync(
        IQuerySession session, SiteOptions site, string lang, CancellationToken ct)
    {
        var chain = site.Chain(lang);
        var catalogs = (await session.LoadManyAsync<StringCatalog>(ct, chain.Select(StringCatalog.StreamId)))
            .ToDictionary(c => chain.First(l => StringCatalog.StreamId(l) == c.Id), StringComparer.OrdinalIgnoreCase);
        return (chain, catalogs);
    }

    private static string ETagOf(IReadOnlyList<string> chain, Dictionary<string, StringCatalog> catalogs) =>
        Versioning.CompositeETag(chain.Select(l => catalogs.GetValueOrDefault(l)?.Version ?? 0));

    private static IResult InvalidLanguage() => Problems.Validation("lang", LanguageNegotiation.InvalidTagMessage("lang"));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
