using Marten;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Publishing;

public sealed record PublishArticleRequest(DateTimeOffset? At);

/// <summary><c>POST /api/articles/{id}/publish</c>: <c>{"at": null}</c> publishes now, a future time schedules.</summary>
public static class PublishArticleEndpoint
{
    public static Task<IResult> Handle(Guid id, PublishArticleRequest? request, HttpRequest http, ISessionFactory sessions,
        TimeProvider clock, CancellationToken ct) =>
        ArticleCommands.ExecuteAsync("publish", id, http, sessions,
            article => ArticleDecider.Decide(article, new PublishArticle(id, request?.At, clock.GetUtcNow())), ct);
}
