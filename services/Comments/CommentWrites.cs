using Marten;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Writes;

namespace NewsPlatform.Comments;

/// <summary>
/// Changes of a comment or a thread as the one write pipeline runs them (<see cref="WritePipeline"/>). None rests on
/// what the caller saw (a moderator's approve, a reader's flag, a close), so none takes If-Match: each is decided on
/// the stream as it is, appended at the version read, and decided again if another change commits first. The
/// thread's approved count follows on the daemon (<see cref="ApprovedCountKeeper"/>).
/// </summary>
public static class CommentWrites
{
    /// <summary>A change of one comment; <paramref name="publicOnly"/> hides comments that are not published (404).</summary>
    public static Task<IResult> ChangeAsync(ISessionFactory sessions, Guid commentId, Func<Comment, Decision> decide,
        Func<Comment, IResult> answer, CancellationToken ct, bool publicOnly = false) =>
        ChangeAsync("comments.change", sessions, commentId, decide, answer, ct, publicOnly);

    public static Task<IResult> ChangeAsync(string name, ISessionFactory sessions, Guid commentId, Func<Comment, Decision> decide,
        Func<Comment, IResult> answer, CancellationToken ct, bool publicOnly = false)
    {
        var notFound = $"No comment {commentId}.";
        return WritePipeline.ExecuteAsync(sessions, null, new WriteCommand<Comment>
        {
            Name = name,
            StreamId = commentId,
            NotFound = notFound,
            VersionOf = c => c.Version,
            Expectation = Expectation.Latest,
            Admit = c => publicOnly && !c.IsApproved ? Platform.Http.Problems.NotFound(notFound) : null,
            Decide = (c, _) => ValueTask.FromResult(decide(c)),
            Fold = (c, events) => events.Aggregate((Comment?)c, Comment.Transition)! with { Version = c.Version + events.Count },
            Answer = outcome => ValueTask.FromResult(answer(outcome.State)),
        }, ct);
    }

    /// <summary>A change of an article's comment thread (close, reopen, moderation mode).</summary>
    public static Task<IResult> ChangeThreadAsync(string name, ISessionFactory sessions, Guid articleId,
        Func<CommentThread, Decision> decide, Func<CommentThread, IResult> answer, CancellationToken ct) =>
        WritePipeline.ExecuteAsync(sessions, null, new WriteCommand<CommentThread>
        {
            Name = name,
            StreamId = articleId,
            NotFound = $"Article {articleId} has no comment thread.",
            VersionOf = t => t.Version,
            Expectation = Expectation.Latest,
            Decide = (t, _) => ValueTask.FromResult(decide(t)),
            Fold = (t, events) => events.Aggregate((CommentThread?)t, CommentThread.Transition)! with { Version = t.Version + events.Count },
            Answer = outcome => ValueTask.FromResult(answer(outcome.State)),
        }, ct);
}
