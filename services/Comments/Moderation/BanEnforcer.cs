using Marten;
using NewsPlatform.Comments.Domain;

namespace NewsPlatform.Comments.Moderation;

/// <summary>
/// What a ban does to what the author already wrote: every comment of the address that readers can see, or that waits
/// for a moderator, is hidden. It runs from the comment subscription (<see cref="Threads.ApprovedCountKeeper"/> hands it
/// the <see cref="EmailBanned"/> events), after the ban committed, so it also catches a comment that was posted while the
/// ban was being recorded; the hides then move the thread counts on the same subscription.
/// </summary>
public static class BanEnforcer
{
    public const string HiddenReason = "author banned";

    public static IQueryable<Comment> VisibleCommentsOf(IQuerySession session, string email) =>
        session.Query<Comment>().Where(c => c.AuthorEmail == email
            && (c.Status == CommentStatus.Approved || c.Status == CommentStatus.Pending));

    /// <summary>Hides the visible comments of each address banned in <paramref name="bans"/>, unless the ban was lifted since.</summary>
    public static async Task EnforceAsync(ISessionFactory sessions, IEnumerable<EmailBanned> bans, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var email in bans.Select(b => b.Email).Distinct())
        {
            IReadOnlyList<Guid> visible;
            await using (var query = sessions.QuerySession())
            {
                if (await query.LoadAsync<EmailBan>(EmailBan.StreamIdFor(email), ct) is not { Active: true }) continue;
                visible = await VisibleCommentsOf(query, email).Select(c => c.Id).ToListAsync(ct);
            }

            foreach (var id in visible)
            {
                await CommentWrites.ChangeAsync("comments.hide", sessions, id,
                    c => CommentDecider.Decide(c, new HideComment(id, HiddenReason, now)), _ => TypedResults.Ok(), ct);
            }
        }
    }

    /// <summary>
    /// Waits, at most <paramref name="timeout"/> (10 s by default; usually one daemon wake-up, tens of milliseconds), until no comment of <paramref name="email"/> is visible:
    /// the ban's answer then matches what readers see. On time-out the subscription still finishes the work.
    /// </summary>
    public static async Task WaitUntilHiddenAsync(ISessionFactory sessions, string email, CancellationToken ct, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            await using (var query = sessions.QuerySession())
            {
                if (!await VisibleCommentsOf(query, email).AnyAsync(ct)) return;
            }

            if (DateTimeOffset.UtcNow >= deadline) return;
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
        }
    }
}
