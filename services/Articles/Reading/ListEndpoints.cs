using Marten;
using Marten.Pagination;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Permalinks;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Articles.Reading;

/// <summary>An article in a list: no body; in the list's language when it has a published translation.</summary>
public record ArticleCard(
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
    int CommentCount,
    bool NoAds,
    ArticleImage? Image)
{
    public static ArticleCard From(Article a, int commentCount, string? lang)
    {
        var t = lang is null ? null : a.TranslationIn(lang);
        return new ArticleCard(a.Id, t?.Slug ?? a.Slug, t?.Title ?? a.Title, t?.Summary ?? a.Summary, a.Section, a.Tags,
            a.Authors, t?.Lang ?? a.Language, a.Featured, a.PublishedAt, a.UpdatedAt,
            [.. a.Translations.Select(x => new TranslationLink(x.Lang, x.Slug, x.Title))], commentCount, a.NoAds, a.Image);
    }
}

/// <summary>The reader lists: Latest Articles, Must Read, More Articles, and one article by its slug.</summary>
public static class ListEndpoints
{
    /// <summary><c>GET /api/articles?section=&amp;tag=&amp;lang=</c>: published, newest first.</summary>
    public static async Task<IResult> Latest(IQuerySession session, HttpResponse response, IOptions<SiteOptions> site, CancellationToken ct,
        string? section = null, string? tag = null, string? lang = null, int? page = null, int? pageSize = null)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;
        if (!TryEdition(lang, site.Value, out var language, out problem)) return problem!;

        var query = session.Query<Article>().Where(a => a.Status == ArticleStatus.Published);
        if (!string.IsNullOrWhiteSpace(section)) { var s = section.Trim().ToLowerInvariant(); query = query.Where(a => a.Section == s); }
        if (!string.IsNullOrWhiteSpace(tag)) { var t = tag.Trim().ToLowerInvariant(); query = query.Where(a => a.Tags.Contains(t)); }
        if (language is not null) query = query.Where(a => a.Languages.Contains(language));

        return await PageAsync(session, query.OrderByDescending(a => a.PublishedAt), paging, language, response, ct);
    }

    /// <summary><c>GET /api/articles/must-read</c>: featured, newest first.</summary>
    public static async Task<IResult> MustRead(IQuerySession session, HttpResponse response, IOptions<SiteOptions> site, CancellationToken ct,
        string? lang = null, int? page = null, int? pageSize = null)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;
        if (!TryEdition(lang, site.Value, out var language, out problem)) return problem!;
        var query = session.Query<Article>().Where(a => a.Status == ArticleStatus.Published && a.Featured)
            .OrderByDescending(a => a.PublishedAt);
        return await PageAsync(session, query, paging, language, response, ct);
    }

    /// <summary><c>GET /api/articles/{id}/related</c>: More Articles — shared tags or section, newest first, not itself.</summary>
    public static async Task<IResult> Related(Guid id, IQuerySession session, HttpResponse response, IOptions<SiteOptions> site,
        CancellationToken ct, string? lang = null, int? page = null, int? pageSize = null)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;
        if (!TryEdition(lang, site.Value, out var language, out problem)) return problem!;
        var article = await session.LoadAsync<Article>(id, ct);
        if (article is null || !article.IsPublished) return Problems.NotFound($"No article {id}.");

        var tags = article.Tags.ToArray();
        var section = article.Section;
        var query = session.Query<Article>()
            .Where(a => a.Status == ArticleStatus.Published && a.Id != id && (a.Section == section || a.Tags.Any(t => t.IsOneOf(tags))))
            .OrderByDescending(a => a.PublishedAt);
        return await PageAsync(session, query, paging, language, response, ct);
    }

    /// <summary>
    /// <c>GET /api/articles/by-slug/{slug}?lang=</c>: a published article by its current slug (or a translation's),
    /// with the translated text when <c>lang</c> (or else Accept-Language) names a published translation.
    /// An old slug answers 301 with the current one.
    /// </summary>
    public static async Task<IResult> BySlug(string slug, HttpRequest http, HttpResponse response, IQuerySession session,
        IOptions<SiteOptions> site, CancellationToken ct, string? lang = null)
    {
        if (!string.IsNullOrWhiteSpace(lang) && !LanguageNegotiation.IsLanguageTag(lang.Trim()))
        {
            return Problems.Validation("lang", LanguageNegotiation.InvalidTagMessage("lang"));
        }

        // lang, else Accept-Language, each along its fallback chain (fr-MU → fr → en), then the site default.
        var candidates = site.Value.Candidates(http, lang?.Trim());
        ArticleSlug? translatedEntry = null;
        if (!string.IsNullOrWhiteSpace(lang))
        {
            foreach (var candidate in candidates)
            {
                translatedEntry = await session.LoadAsync<ArticleSlug>(SlugRegistry.Key(slug, candidate), ct);
                if (translatedEntry is not null) break;
            }
        }

        var entry = translatedEntry ?? await session.LoadAsync<ArticleSlug>(SlugRegistry.Key(slug), ct);
        var article = entry is null ? null : await session.LoadAsync<Article>(entry.ArticleId, ct);
        if (article is null || !article.IsPublished) return Problems.NotFound($"No published article has the slug '{slug}'.");

        // The first candidate the article can be read in: its own language, or a published translation.
        var translation = candidates
            .TakeWhile(c => !string.Equals(c, article.Language, StringComparison.OrdinalIgnoreCase))
            .Select(article.TranslationIn)
            .FirstOrDefault(t => t is not null);
        // An old slug (the article's or its translation's) moves permanently to the current one.
        var current = translatedEntry is not null ? translation?.Slug ?? article.Slug : article.Slug;
        if (current != slug)
        {
            var query = translatedEntry is not null && translation is not null ? $"?lang={translation.Lang}"
                : string.IsNullOrWhiteSpace(lang) ? "" : $"?lang={Uri.EscapeDataString(lang.Trim())}";
            return TypedResults.StatusCode(StatusCodes.Status301MovedPermanently)
                .WithHeaders(("Location", $"/api/articles/by-slug/{Uri.EscapeDataString(current)}{query}"));
        }

        response.Headers.CacheControl = ReaderCache.Article;
        response.Headers.Vary = "Accept-Language";
        if (http.NotModified(article.Version) is { } notModified) return notModified;

        var view = await ArticleResponse.ViewAsync(session, article, ct);
        return translation is null
            ? ArticleResponse.Ok(view, article.Language)
            : ArticleResponse.Ok(view.In(translation), translation.Lang);
    }

    /// <summary>
    /// The edition a list is asked for: <c>lang</c> along its fallback chain to the first site language
    /// (<c>fr-MU</c> → <c>fr</c>), or null (every language) without it; 400 when it is not a language tag.
    /// </summary>
    internal static bool TryEdition(string? lang, SiteOptions site, out string? language, out IResult? problem)
    {
        language = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(lang)) return true;
        if (!LanguageNegotiation.IsLanguageTag(lang.Trim()))
        {
            problem = Problems.Validation("lang", LanguageNegotiation.InvalidTagMessage("lang"));
            return false;
        }

        language = site.SiteLanguageOf(site.Chain(lang.Trim())).ToLowerInvariant();
        return true;
    }

    private static async Task<IResult> PageAsync(IQuerySession session, IQueryable<Article> query, Paging paging, string? lang,
        HttpResponse response, CancellationToken ct)
    {
        var page = await query.ToPagedListAsync(paging.Page, paging.PageSize, ct);
        var ids = page.Select(a => a.Id).ToArray();
        var counts = ids.Length == 0
            ? new Dictionary<Guid, int>()
            : (await session.LoadManyAsync<ArticleCommentCount>(ct, ids)).ToDictionary(c => c.Id, c => c.ApprovedCount);

        response.Headers.CacheControl = ReaderCache.List;
        var cards = page.Select(a => ArticleCard.From(a, counts.GetValueOrDefault(a.Id), lang)).ToList();
        // One edition, or the languages of a mixed page (RFC 9110 allows a list).
        var languages = lang ?? string.Join(", ", cards.Select(c => c.Language).Distinct(StringComparer.OrdinalIgnoreCase));
        if (languages.Length > 0) response.Headers.ContentLanguage = languages;
        return TypedResults.Ok(new PageOf<ArticleCard>(cards, paging.Page, paging.PageSize, page.TotalItemCount));
    }
}
