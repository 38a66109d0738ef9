using System.Security.Claims;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Localization.Terms;

public sealed record TermInput(string? Name);

public sealed record TermsView(IReadOnlyDictionary<string, string> Sections, IReadOnlyDictionary<string, string> Tags);

public sealed record TermView(string Kind, string Key, string Lang, string Name, bool Named, IReadOnlyDictionary<string, string> Names);

/// <summary>Section and tag names per language, key by key along the language's fallback chain, the key itself last.</summary>
public static class TermEndpoints
{
    public const int MaxName = 100;

    public static async Task<IResult> All(string lang, IQuerySession session, IOptions<SiteOptions> site, HttpResponse response,
        CancellationToken ct)
    {
        if (!LanguageNegotiation.IsLanguageTag(lang)) return InvalidLanguage();
        var chain = site.Value.Chain(lang);
        var terms = await session.Query<Term>().OrderBy(t => t.Key).ToListAsync(ct);
        response.Headers.CacheControl = "public, max-age=60";
        response.Headers.ContentLanguage = site.Value.SiteLanguageOf(chain);
        return TypedResults.Ok(new TermsView(Names(terms, TermKinds.Sections, chain), Names(terms, TermKinds.Tags, chain)));
    }

    public static async Task<IResult> One(string lang, string kind, string key, IQuerySession session, IOptions<SiteOptions> site,
        HttpRequest http, CancellationToken ct)
    {
        if (Check(lang, kind) is { } problem) return problem;
        var term = await session.LoadAsync<Term>(TermKinds.StreamId(kind, key), ct);
        if (term is null) return Problems.NotFound($"No {kind} term '{key}'.");
        return http.NotModified(term.Version) ?? View(term, lang, site.Value);
    }

    public static async Task<IResult> Put(string lang, string kind, string key, TermInput input, IDocumentSession session,
        IOptions<SiteOptions> site, HttpRequest http, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (Check(lang, kind) is { } problem) return problem;
        var errors = new ValidationErrors().Length("name", input.Name?.Trim(), 1, MaxName);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!site.Value.Serves(lang)) return Problems.NotFound($"{lang} is not a language of this site (nor a variant of one).");
        if (!http.TryGetExpectedVersion(out var expected, out var precondition)) return precondition!;

        var stream = await session.Events.FetchForWriting<Term>(TermKinds.StreamId(kind, key), ct);
        if (stream.Aggregate is null) return Problems.NotFound($"No {kind} term '{key}'.");
        if (stream.Aggregate.Version != expected) return Problems.PreconditionFailed();
        var language = LanguageNegotiation.Normalize(lang);
        var name = input.Name!.Trim();
        var term = stream.Aggregate;
        if (term.Names.GetValueOrDefault(language) != name)
        {
            stream.AppendOne(new TermNamed(kind, term.Key, language, name, user.ActorName(), clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            term = await session.LoadAsync<Term>(term.Id, ct) ?? term;
        }

        return View(term, language, site.Value);
    }

    private static IResult View(Term term, string lang, SiteOptions site) =>
        TypedResults.Ok(new TermView(term.Kind, term.Key, LanguageNegotiation.Normalize(lang), term.NameIn(site.Chain(lang)),
                term.IsNamedIn(lang), term.Names))
            .WithHeaders(("ETag", Versioning.ETag(term.Version)), ("Content-Language", LanguageNegotiation.Normalize(lang)));

    private static IResult? Check(string lang, string kind)
    {
        var errors = new ValidationErrors();
        if (!LanguageNegotiation.IsLanguageTag(lang)) errors.Add("lang", LanguageNegotiation.InvalidTagMessage("lang"));
        if (!TermKinds.IsKnown(kind)) errors.Add("kind", "kind is sections or tags.");
        return errors.Any ? Problems.Validation(errors.ToDictionary()) : null;
    }

    private static SortedDictionary<string, string> Names(IEnumerable<Term> terms, string kind, IReadOnlyList<string> chain) =>
        new(terms.Where(t => t.Kind == kind).ToDictionary(t => t.Key, t => t.NameIn(chain)), StringComparer.Ordinal);

    private static IResult InvalidLanguage() => Problems.Validation("lang", LanguageNegotiation.InvalidTagMessage("lang"));
}
