using JasperFx;
using Marten;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Comments;

/// <summary>
/// How every change of a comment runs: decide on the comment, append, and when the comment enters or leaves the
/// approved state, move the thread's approved count in the same transaction. The count is appended at the
/// thread's version, so two moderators approving at once cannot lose a count: the loser is retried.
/// </summary>
public static class CommentWrites
{
    private const int Attempts = 5;

    public static async Task<IResult> ChangeAsync(ISessionFactory sessions, Guid commentId, Func<Comment, Decision> decide,
        Func<Comment, IResult> answer, DateTimeOffset now, CancellationToken ct, bool publicOnly = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            var stream = await session.Events.FetchForWriting<Comment>(commentId, ct);
            if (stream.Aggregate is not { } before || (publicOnly && !before.IsApproved))
            {
                return Problems.NotFound($"No comment {commentId}.");
            }

            var decision = decide(before);
            if (decision.IsRejected) return Problems.Conflict(decision.Rejection!);
            if (decision.Events.Count == 0) return answer(before);

            stream.AppendMany(decision.Events);
            var after = decision.Events.Aggregate((Comment?)before, Comment.Transition)!;
            await MoveApprovedCountAsync(session, before.ArticleId, CommentDecider.ApprovedDelta(before.Status, after.Status), now, ct);
            try
            {
                await session.SaveChangesAsync(ct);
                return answer(after with { Version = before.Version + decision.Events.Count });
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Another change of this comment or of its thread's count committed first: decide again.
            }
        }
    }

    public static async Task MoveApprovedCountAsync(IDocumentSession session, Guid articleId, int delta, DateTimeOffset now,
        CancellationToken ct)
    {
        if (delta == 0) return;
        var thread = await session.Events.FetchForWriting<CommentThread>(articleId, ct);
        if (thread.Aggregate is null) return;
        thread.AppendOne(new ApprovedCountChanged(articleId, Math.Max(0, thread.Aggregate.ApprovedCount + delta), now));
    }
}
