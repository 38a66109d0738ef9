using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Hosting;
using NewsPlatform.Advertising.Campaigns;

namespace NewsPlatform.Advertising.Decisions;

/// <summary>
/// The active campaigns and what they delivered, in memory, so that a decision reads no database for them. Each
/// replica reloads them every <see cref="AdvertisingOptions.CacheRefresh"/> and at once after its own writes; the
/// decision still checks the chosen campaign's delivery before it answers (docs/decisions/0005).
/// </summary>
public sealed class CampaignCache(IDocumentStore store, IOptions<AdvertisingOptions> options, ILogger<CampaignCache> logger)
    : PeriodicWork(logger, options.Value.CacheRefresh)
{
    private volatile IReadOnlyList<CampaignSnapshot> current = []; // replaced whole, never changed in place
    private readonly SemaphoreSlim reload = new(1, 1);

    public IReadOnlyList<CampaignSnapshot> Current => current;

    /// <summary>Drops one campaign until the next reload (its delivery was found spent).</summary>
    public void Forget(Guid campaignId) => current = [.. current.Where(c => c.Campaign.Id != campaignId)];

    public async Task ReloadAsync(CancellationToken ct)
    {
        await reload.WaitAsync(ct);
        try
        {
            await using var session = store.QuerySession();
            var campaigns = await session.Query<Campaign>().Where(c => c.Status == CampaignStatus.Active).ToListAsync(ct);
            var deliveries = campaigns.Count == 0
                ? new Dictionary<Guid, Delivery.Delivery>()
                : (await session.LoadManyAsync<Delivery.Delivery>(ct, campaigns.Select(c => Delivery.Delivery.StreamId(c.Id))))
                    .ToDictionary(d => d.CampaignId);
            current = [.. campaigns.Select(c => new CampaignSnapshot(c, deliveries.GetValueOrDefault(c.Id)))];
        }
        finally
        {
            reload.Release();
        }
    }

    protected override Task RunOnceAsync(CancellationToken ct) => ReloadAsync(ct);
}
