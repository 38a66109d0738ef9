using JasperFx;
using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Hosting;

namespace NewsPlatform.Articles.Publishing;

/// <summary>
/// Publishes scheduled articles when their time comes, with the same events as a manual publish. It looks at
/// once on start (so a story due while the service was down goes out then) and every second after. Every
/// replica runs it: each publish is appended at the version it read, so when two replicas race one wins and
/// the other's append fails on the version and is dropped — the story is published exactly once.
/// </summary>
public sealed class ScheduledPublisher(IDocumentStore store, TimeProvider clock, ILogger<ScheduledPublisher> logger,
    IConfiguration configuration) : PeriodicWork(logger, configuration.GetValue("Articles:SchedulerInterval", TimeSpan.FromSeconds(1)))
{
    public const string Actor = "scheduler";

    protected override Task RunOnceAsync(CancellationToken ct) => PublishDueAsync(ct);

    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<Guid> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<Article>()
                .Where(a => a.Status == ArticleStatus.Scheduled && a.ScheduledFor <= now)
                .OrderBy(a => a.ScheduledFor)
                .Select(a => a.Id)
                .Take(100)
                .ToListAsync(ct);
        }

        var published = 0;
        foreach (var id in due)
        {
            await using var session = store.LightweightSession();
            TracedSessionFactory.Stamp(session, System.Diagnostics.Activity.Current, Actor);
            var stream = await session.Events.FetchForWriting<Article>(id, ct);
            if (stream.Aggregate is null) continue;

            var decision = DecideDue(stream.Aggregate, clock.GetUtcNow());
            if (decision.Events.Count == 0) continue;

            stream.AppendMany(decision.Events);
            try
            {
                await session.SaveChangesAsync(ct);
                if (decision.Events[0] is ArticleUnscheduled)
                {
                    logger.LogWarning("Scheduled article {ArticleId} has no title or body; unscheduled instead of published", id);
                    continue;
                }

                published++;
                logger.LogInformation("Published scheduled article {ArticleId}", id);
            }
            catch (ConcurrencyException)
            {
                logger.LogDebug("Scheduled article {ArticleId} was published by another replica", id);
            }
        }

        return published;
    }

    /// <summary>
    /// What the scheduler does with a story when it looks at it: publish it if it is due, as a manual publish would,
    /// but only if it still has a title and a body at that moment. The edit rules keep a scheduled story whole, yet
    /// the scheduler publishes with no editor watching, so it checks again; a story that lost either is unscheduled
    /// (back to draft) rather than put live empty.
    /// </summary>
    public static Decision DecideDue(Article state, DateTimeOffset now)
    {
        var due = ArticleDecider.Decide(state, new PublishDueArticle(state.Id, now));
        if (due.Events.Count == 0 || !(string.IsNullOrWhiteSpace(state.Title) || string.IsNullOrWhiteSpace(state.Body))) return due;
        return ArticleDecider.Decide(state, new UnpublishArticle(state.Id, "no title or body at its scheduled time", now));
    }
}
