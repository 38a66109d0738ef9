using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Hosting;

namespace NewsPlatform.Advertising.Delivery;

/// <summary>
/// Deletes spent-token records once their token has expired (an expired token is refused before the ledger looks
/// for it, so the record has nothing left to guard), and the per-address impression places an hour after their
/// minute. Every replica prunes; deleting twice is harmless.
/// </summary>
public sealed class SpentTokenPruner(IDocumentStore store, IOptions<AdvertisingOptions> options, TimeProvider clock,
    ILogger<SpentTokenPruner> logger) : PeriodicWork(logger, Interval, clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override Task RunOnceAsync(CancellationToken ct) => PruneAsync(ct);

    public async Task PruneAsync(CancellationToken ct)
    {
        // A token spent at At expired at the latest At + lifetime (it was issued before it was spent).
        var before = Clock.GetUtcNow() - options.Value.TokenLifetime;
        await using var session = store.LightweightSession();
        session.DeleteWhere<SpentToken>(t => t.At < before);
        // An address's places guard one minute each; an hour leaves room for clocks that disagree.
        var placesBefore = Clock.GetUtcNow() - TimeSpan.FromHours(1);
        session.DeleteWhere<ImpressionFromAddress>(p => p.At < placesBefore);
        await session.SaveChangesAsync(ct);
    }
}
