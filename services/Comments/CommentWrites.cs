using JasperFx;
using Marten;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Comments;

/// <summary>
/// How every change of a comment runs: decide on the comment and append to its stream, at the version read, so
/// two moderators acting at once cannot both win. The thread's approved count follows on the daemon
/// (<see cref="Threads.ApprovedCountKeeper"/>).
/// </summary>
public static class CommentWrites
{
    private const int Attempts = 5;

    public static async Task<IResult> ChangeAsync(ISessionFactory sessions, Guid commentId, Func<Comment, Decision> decide,
        Func<Comment, IResult> answer, CancellationToken ct, bool publicOnly = false)
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
            try
            {
                await session.SaveChangesAsync(ct);
                return answer(after with { Version = before.Version + decision.Events.Count });
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Another change of this comment committed first: decide again on what it left.
            }
        }
    }
}
