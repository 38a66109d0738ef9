using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles.Reading;

public sealed record CorrectionView(string Text, DateTimeOffset At);

public sealed record TranslationLink(string Lang, string Slug, string Title);

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
    IReadOnlyList<CorrectionView> Corrections,
    long Version,
    IReadOnlyList<TranslationLink> Translations,
    int CommentCount,
    bool NoAds)
{
    public static ArticleView From(Article a) => new(a.Id, a.Slug, a.Title, a.Summary, a.Body, a.Section, a.Tags, a.Authors,
        a.Language, a.Status, a.Featured, a.FirstPublishedAt, a.PublishedAt, a.UpdatedAt, a.ScheduledFor, [], a.Version, [],
        0, a.NoAds);
}

public static class ArticleResponse
{
    public static IResult Created(Article article) =>
        new WithETag(TypedResults.Created($"/api/articles/{article.Id}", ArticleView.From(article)), article.Version);

    public static IResult Ok(Article article) => new WithETag(TypedResults.Ok(ArticleView.From(article)), article.Version);

    /// <summary>Any result, with the stream version as its ETag.</summary>
    private sealed class WithETag(IResult inner, long version) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.SetETag(version);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
