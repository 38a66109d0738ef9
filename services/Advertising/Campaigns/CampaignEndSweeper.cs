using Marten;
using NewsPlatform.Platform.Hosting;

namespace NewsPlatform.Advertising.Campaigns;

/// <summary>
/// Ends the campaigns whose end date has passed (ended by date). Every replica sweeps; the rules make a second
/// ending nothing, and a race on the stream leaves it to the replica that won.
/// </summary>
public sealed class CampaignEndSweeper(IDocumentStore store, TimeProvider clock, ILogger<CampaignEndSweeper> logger)
    : PeriodicWork(logger, Interval, clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        IReadOnlyList<Guid> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<Campaign>().Where(c => c.Status != CampaignStatus.Ended && c.EndsAt <= now).Select(c => c.Id).ToListAsync(ct);
        }

        foreach (var id in due)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<Campaign>(id, ct);
            if (stream.Aggregate is null) continue;
            stream.AppendMany(CampaignDecider.Decide(stream.Aggregate, new EndCampaign(EndReason.Date, "schedule", now)).Events);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Another replica (or an editor) changed it first; the next sweep looks again.
            }
        }
    }
}
