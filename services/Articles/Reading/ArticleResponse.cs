using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles.Reading;

public sealed record TranslationLink(string Lang, string Slug, string Title);

/// <summary>The article in the language it was written in, so that a translated answer can still link back to it.</summary>
public sealed record OriginalLink(string Lang, string Slug, string Title);

/// <summary>The article as CONTRACT.md shows it.</summary>
public sealed record ArticleView(
    Guid Id,
    string Slug,
    string Title,
    string Summary,
    string Body,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    string Language,
    ArticleStatus Status,
    bool Featured,
    DateTimeOffset? FirstPublishedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ScheduledFor,
    IReadOnlyList<Correction> Corrections,
    long Version,
    IReadOnlyList<TranslationLink> Translations,
    int CommentCount,
    bool NoAds,
    OriginalLink Original,
    ArticleImage? Image)
{
    public static ArticleView From(Article a, int commentCount) => new(a.Id, a.Slug, a.Title, a.Summary, a.Body, a.Section,
        a.Tags, a.Authors, a.Language, a.Status, a.Featured, a.FirstPublishedAt, a.PublishedAt, a.UpdatedAt, a.ScheduledFor,
        a.Corrections, a.Version, [.. a.Translations.Select(t => new TranslationLink(t.Lang, t.Slug, t.Title))], commentCount,
        a.NoAds, new OriginalLink(a.Language, a.Slug, a.Title), a.Image);

    /// <summary>The article in one of its published translations: translated text, same identity and metadata.</summary>
    public ArticleView In(Translation t) => this with { Slug = t.Slug, Title = t.Title, Summary = t.Summary, Body = t.Body, Language = t.Lang };
}

public static class ArticleResponse
{
    public static async Task<ArticleView> ViewAsync(IQuerySession session, Article article, CancellationToken ct)
    {
        var count = await session.LoadAsync<ArticleCommentCount>(article.Id, ct);
        return ArticleView.From(article, count?.ApprovedCount ?? 0);
    }

    public static IResult Created(ArticleView view) =>
        TypedResults.Created($"/api/articles/{view.Id}", view).WithHeaders(("ETag", Versioning.ETag(view.Version)));

    public static IResult Ok(ArticleView view, string? contentLanguage = null) =>
        TypedResults.Ok(view).WithHeaders(("ETag", Versioning.ETag(view.Version)), ("Content-Language", contentLanguage));
}
