using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Writes;

namespace NewsPlatform.Articles;

/// <summary>
/// An update of an article as the one write pipeline runs it (<see cref="WritePipeline"/>): If-Match names the version
/// the editor saw (428 without, 412 when it moved on), the decider rules (409 with its reason), and the new events are
/// appended at that version. The answer is the article as it now reads, with its new ETag.
/// </summary>
public static class ArticleCommands
{
    public static Task<IResult> ExecuteAsync(string name, Guid id, HttpRequest http, ISessionFactory sessions,
        Func<Article, WriteContext, ValueTask<Decision>> decide, CancellationToken ct) =>
        WritePipeline.ExecuteAsync(sessions, http, new WriteCommand<Article>
        {
            Name = $"articles.{name}",
            StreamId = id,
            NotFound = $"No article {id}.",
            VersionOf = a => a.Version,
            Expectation = Expectation.IfMatch,
            Decide = decide,
            Answer = async outcome => ArticleResponse.Ok(await ArticleResponse.ViewAsync(outcome.Session, outcome.State, outcome.Cancellation)),
        }, ct);

    public static Task<IResult> ExecuteAsync(string name, Guid id, HttpRequest http, ISessionFactory sessions,
        Func<Article, Decision> decide, CancellationToken ct) =>
        ExecuteAsync(name, id, http, sessions, (article, _) => ValueTask.FromResult(decide(article)), ct);
}
