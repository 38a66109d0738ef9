using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles.Publishing;

public sealed record PublishArticleRequest(DateTimeOffset? At);

/// <summary><c>POST /api/articles/{id}/publish</c>: live now (scheduling arrives with the scheduler slice).</summary>
public static class PublishArticleEndpoint
{
    public static async Task<IResult> Handle(Guid id, HttpRequest http, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        if (!http.TryGetExpectedVersion(out var expected, out var problem)) return problem!;

        var stream = await session.Events.FetchForWriting<Article>(id, ct);
        if (stream.Aggregate is null) return Problems.NotFound($"No article {id}.");
        if (stream.Aggregate.Version != expected) return Problems.PreconditionFailed();

        var decision = ArticleDecider.Decide(stream.Aggregate, new PublishArticle(id, clock.GetUtcNow()));
        if (decision.IsRejected) return Problems.Conflict(decision.Rejection!);

        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        var article = await session.LoadAsync<Article>(id, ct);
        return ArticleResponse.Ok(article!);
    }
}
