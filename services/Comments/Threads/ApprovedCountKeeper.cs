using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using NewsPlatform.Comments.Domain;

namespace NewsPlatform.Comments.Threads;

/// <summary>
/// Keeps each thread's approved count (docs/decisions/0004). It follows the comment events on the async daemon,
/// recounts the approved comments of each article they touch, and appends <see cref="ApprovedCountChanged"/> to
/// the thread when the count differs — which the relay publishes as CommentCountChanged. Posting and moderating
/// a comment therefore write one stream only and never contend on a busy thread; the recount makes a replayed
/// page harmless (same count, no event).
/// </summary>
public sealed class ApprovedCountKeeper(IServiceProvider services, TimeProvider clock, ILogger<ApprovedCountKeeper> logger)
    : SubscriptionBase
{
    public const string SubscriptionName = "ApprovedCountKeeper";

    public static readonly Type[] CommentEvents =
    [
        typeof(CommentPosted), typeof(CommentApproved), typeof(CommentRejected), typeof(CommentMarkedAsSpam),
        typeof(CommentReturnedToQueue), typeof(CommentHidden), typeof(CommentErased),
        // Not a comment event: a ban, whose hiding of the author's comments runs here rather than in the request
        // (Moderation.BanEnforcer; docs/decisions/0011). It shares this subscription so that no new registration is needed.
        typeof(EmailBanned),
    ];

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // Resolved here, not injected: a subscription must not depend on Marten's sessions at construction.
        var sessions = services.GetRequiredService<ISessionFactory>();
        var bans = page.Events.Select(e => e.Data).OfType<EmailBanned>().ToList();
        if (bans.Count > 0) await Moderation.BanEnforcer.EnforceAsync(sessions, bans, clock.GetUtcNow(), cancellationToken);

        var commentIds = page.Events.Where(e => e.Data is not EmailBanned).Select(e => e.StreamId).Distinct().ToArray();
        if (commentIds.Length == 0) return NullChangeListener.Instance;

        IReadOnlyList<Guid> articles;
        await using (var query = sessions.QuerySession())
        {
            articles = (await query.LoadManyAsync<Comment>(cancellationToken, commentIds)).Select(c => c.ArticleId).Distinct().ToList();
        }

        foreach (var articleId in articles)
        {
            await RecountAsync(sessions, articleId, cancellationToken);
        }

        return NullChangeListener.Instance;
    }

    private async Task RecountAsync(ISessionFactory sessions, Guid articleId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            var thread = await session.Events.FetchForWriting<CommentThread>(articleId, ct);
            if (thread.Aggregate is null) return;
            var approved = await session.Query<Comment>().CountAsync(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved, ct);
            if (approved == thread.Aggregate.ApprovedCount) return;

            thread.AppendOne(new ApprovedCountChanged(articleId, approved, clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
                logger.LogDebug("Thread {ArticleId} changed while recounting; recounting again", articleId);
            }
        }
    }
}
