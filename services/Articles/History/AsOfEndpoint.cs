using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Articles.History;

/// <summary>An article on a list as readers saw it at a past moment (no comment count: that lives in another history).</summary>
public sealed record ArticleAsOf(
    Guid Id,
    string Slug,
    string Title,
    string Summary,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    string Language,
    bool Featured,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TranslationLink> Translations,
    bool NoAds,
    ArticleImage? Image)
{
    public static ArticleAsOf From(Article a, string? lang)
    {
        var t = lang is null ? null : a.TranslationIn(lang);
        return new ArticleAsOf(a.Id, t?.Slug ?? a.Slug, t?.Title ?? a.Title, t?.Summary ?? a.Summary, a.Section, a.Tags, a.Authors,
            t?.Lang ?? a.Language, a.Featured, a.PublishedAt, a.UpdatedAt,
            [.. a.Translations.Select(x => new TranslationLink(x.Lang, x.Slug, x.Title))], a.NoAds, a.Image);
    }
}

/// <summary>The reader lists at a moment: Latest and Must Read as the site showed them then.</summary>
public sealed record ListsAsOf(DateTimeOffset At, IReadOnlyList<ArticleAsOf> Latest, IReadOnlyList<ArticleAsOf> MustRead);

/// <summary>
/// <c>GET /api/articles/as-of?at=&amp;lang=&amp;pageSize=</c> (editors, analysts): every article folded again from its events
/// appended up to <c>at</c>, by the same <see cref="Article.Transition"/> the live projection uses, and the reader lists
/// made from those folds as <see cref="ListEndpoints"/> makes them from the live documents (docs/decisions/0020).
/// </summary>
public static class AsOfEndpoint
{
    public const int DefaultPageSize = 12;

    public static async Task<IResult> Handle(IQuerySession session, HttpResponse response, IOptions<SiteOptions> site, CancellationToken ct,
        string? at = null, string? lang = null, int? pageSize = null)
    {
        if (!Instants.TryParseWithOffset(at, out var moment)) return Problems.Validation("at", "at is an instant with its offset, e.g. 2026-11-20T20:00:00+04:00.");
        if (pageSize is < 1 or > 100) return Problems.Validation("pageSize", "pageSize is between 1 and 100.");
        if (!ListEndpoints.TryEdition(lang, site.Value, out var language, out var problem)) return problem!;

        var articles = new Dictionary<Guid, Article?>();
        var until = moment.ToUniversalTime(); // Npgsql writes timestamptz parameters in UTC only
        var events = session.Events.QueryAllRawEvents().Where(e => e.Timestamp <= until).OrderBy(e => e.Sequence).ToAsyncEnumerable(ct);
        await foreach (var e in events)
        {
            articles[e.StreamId] = Article.Transition(articles.GetValueOrDefault(e.StreamId), e.Data);
        }

        var published = articles.Values.OfType<Article>()
            .Where(a => a.IsPublished && (language is null || a.Languages.Contains(language)))
            .OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id)
            .ToList();
        var size = pageSize ?? DefaultPageSize;
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(new ListsAsOf(moment,
            [.. published.Take(size).Select(a => ArticleAsOf.From(a, language))],
            [.. published.Where(a => a.Featured).Take(size).Select(a => ArticleAsOf.From(a, language))]));
    }
}
