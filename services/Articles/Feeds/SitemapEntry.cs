using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Schema;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Feeds;

/// <summary>A translation as the sitemap needs it: its language and slug, not its text.</summary>
public sealed record SitemapAlternate(string Lang, string Slug);

/// <summary>
/// What <c>/sitemap.xml</c> reads of an article (issue 12: it loaded up to 50,000 whole articles, bodies and
/// translations included, per request): its slug, language, dates and its translations' slugs.
/// </summary>
public sealed record SitemapEntry(
    Guid Id,
    string Slug,
    string Language,
    [property: DuplicateField] bool Published,
    [property: DuplicateField] DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<SitemapAlternate> Translations)
{
    /// <summary>The article's events, read for the few fields above the way <see cref="Article.Transition"/> reads them.</summary>
    public static SitemapEntry? Transition(SitemapEntry? state, object @event) => (state, @event) switch
    {
        (null, ArticleDrafted e) => new SitemapEntry(e.ArticleId, e.Slug, e.Language, false, null, e.At, []),
        (null, _) => null,
        (_, ArticleEdited e) => state with { UpdatedAt = e.At },
        (_, ArticleRevised e) => state with { UpdatedAt = e.At },
        (_, ArticleSlugChanged e) => state with { Slug = e.NewSlug, UpdatedAt = e.At },
        (_, ArticleScheduled e) => state with { Published = false, UpdatedAt = e.At },
        (_, ArticleUnscheduled e) => state with { Published = false, UpdatedAt = e.At },
        (_, ArticlePublished e) => state with { Published = true, PublishedAt = e.PublishedAt, UpdatedAt = e.PublishedAt },
        (_, ArticleUnpublished e) => state with { Published = false, UpdatedAt = e.At },
        (_, ArticleRetracted e) => state with { Published = false, UpdatedAt = e.At },
        (_, ArticleFeatured e) => state with { UpdatedAt = e.At },
        (_, ArticleUnfeatured e) => state with { UpdatedAt = e.At },
        (_, ArticleCorrected e) => state with { UpdatedAt = e.At },
        (_, TranslationAttached e) => state with
        {
            Translations =
            [
                .. state.Translations.Where(t => !string.Equals(t.Lang, e.Lang, StringComparison.OrdinalIgnoreCase)),
                new SitemapAlternate(e.Lang, e.Slug),
            ],
        },
        (_, TranslationDetached e) => state with
        {
            Translations = [.. state.Translations.Where(t => !string.Equals(t.Lang, e.Lang, StringComparison.OrdinalIgnoreCase))],
        },
        _ => state,
    };
}

/// <summary>Keeps <see cref="SitemapEntry"/> in step with each article's stream, inline, as the article itself is.</summary>
public sealed class SitemapProjection : SingleStreamProjection<SitemapEntry, Guid>
{
    public override SitemapEntry? Evolve(SitemapEntry? snapshot, Guid id, IEvent e) => SitemapEntry.Transition(snapshot, e.Data);
}
