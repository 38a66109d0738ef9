using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles;

/// <summary>
/// How every update of an article runs: If-Match names the version the editor saw (428 without, 412 when it
/// moved on), the decider rules (409 with its reason), and the new events are appended at that version.
/// </summary>
public static class ArticleCommands
{
    public static async Task<IResult> ExecuteAsync(Guid id, HttpRequest http, IDocumentSession session,
        Func<Article, Task<Decision>> decide, CancellationToken ct)
    {
        if (!http.TryGetExpectedVersion(out var expected, out var problem)) return problem!;

        var stream = await session.Events.FetchForWriting<Article>(id, ct);
        if (stream.Aggregate is null) return Problems.NotFound($"No article {id}.");
        if (stream.Aggregate.Version != expected) return Problems.PreconditionFailed();

        var decision = await decide(stream.Aggregate);
        if (decision.IsRejected) return Problems.Conflict(decision.Rejection!);

        var article = stream.Aggregate;
        if (decision.Events.Count > 0)
        {
            stream.AppendMany(decision.Events);
            await session.SaveChangesAsync(ct);
            article = await session.LoadAsync<Article>(id, ct) ?? article;
        }

        return ArticleResponse.Ok(await ArticleResponse.ViewAsync(session, article, ct));
    }

    public static Task<IResult> ExecuteAsync(Guid id, HttpRequest http, IDocumentSession session,
        Func<Article, Decision> decide, CancellationToken ct) =>
        ExecuteAsync(id, http, session, article => Task.FromResult(decide(article)), ct);
}
