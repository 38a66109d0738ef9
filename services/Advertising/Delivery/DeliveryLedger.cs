using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising.Campaigns;

namespace NewsPlatform.Advertising.Delivery;

/// <summary>
/// Counts impressions and clicks a campaign at a time, in batches (group commit): the counts of one campaign that
/// arrive while its previous transaction commits go together into the next one, which spends their tokens, takes the
/// impressions' address places and appends the counts to the campaign's delivery stream at the version it read
/// (<see cref="DeliveryBatch"/>). One campaign's counts are serialised on its stream anyway (docs/decisions/0005);
/// one transaction for many instead of one each, racing each other, is what lets a hot campaign count as fast as its
/// impressions arrive (78 counted a second before, about 1,100 after on two cores, where CPU became the limit).
/// Another replica counting the same campaign races this one's batch, which is read and planned again.
/// </summary>
public sealed class DeliveryLedger(IDocumentStore store, IOptions<AdvertisingOptions> options, ILogger<DeliveryLedger> logger)
{
    private const int Attempts = 25;

    /// <summary>At most this many counts in one transaction: a batch stays a short one.</summary>
    public const int MaxBatch = 256;

    private readonly ConcurrentDictionary<Guid, Line> lines = new();

    /// <summary>
    /// True once the count is settled (counted, or refused by the rules); false when the races on its campaign never
    /// stopped, so nothing was counted and the token is not spent (the sender may try again).
    /// </summary>
    public Task<bool> CountAsync(PendingCount count, CancellationToken ct)
    {
        var campaignId = count.Ad.CampaignId;
        var line = lines.GetOrAdd(campaignId, _ => new Line());
        var waiting = new Waiting(count);
        line.Queue.Enqueue(waiting);
        if (Interlocked.CompareExchange(ref line.Draining, 1, 0) == 0) _ = Task.Run(() => DrainAsync(campaignId, line));
        // A reader who leaves does not take the count back: it is counted or refused with its batch.
        return waiting.Settled.Task.WaitAsync(ct);
    }

    private async Task DrainAsync(Guid campaignId, Line line)
    {
        while (true)
        {
            var batch = new List<Waiting>();
            while (batch.Count < MaxBatch && line.Queue.TryDequeue(out var next)) batch.Add(next);
            if (batch.Count == 0)
            {
                Volatile.Write(ref line.Draining, 0);
                // A count queued after the last look and before the line was released would wait forever: look again.
                if (line.Queue.IsEmpty || Interlocked.CompareExchange(ref line.Draining, 1, 0) != 0) return;
                continue;
            }

            try
            {
                var settled = await CommitAsync(campaignId, [.. batch.Select(w => w.Count)]);
                foreach (var waiting in batch) waiting.Settled.TrySetResult(settled);
            }
            catch (Exception failure)
            {
                foreach (var waiting in batch) waiting.Settled.TrySetException(failure);
            }
        }
    }

    private async Task<bool> CommitAsync(Guid campaignId, IReadOnlyList<PendingCount> batch)
    {
        var ct = CancellationToken.None; // the batch serves many readers; the store's command timeout bounds it
        var perMinute = options.Value.Ledger.ImpressionsPerIpPerCampaignPerMinute;
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var keys = batch.Select(DeliveryBatch.SpentKey).Distinct(StringComparer.Ordinal).ToArray();
            var spent = (await session.LoadManyAsync<SpentToken>(ct, keys)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            if (spent.Count == keys.Length) return true; // every token counted before

            var campaign = await session.LoadAsync<Campaign>(campaignId, ct);
            var places = campaign is null ? [] : DeliveryBatch.PlacesOf(campaignId, batch, perMinute);
            var taken = places.Length == 0
                ? new HashSet<string>()
                : (await session.LoadManyAsync<ImpressionFromAddress>(ct, places)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var stream = await session.Events.FetchForWriting<Delivery>(Delivery.StreamId(campaignId), ct);

            var plan = DeliveryBatch.Plan(stream.Aggregate, campaign, batch, spent, taken, perMinute);
            foreach (var token in plan.Spend) session.Insert(token);
            foreach (var place in plan.Places) session.Insert(place);
            if (plan.DeliveryEvents.Count > 0) stream.AppendMany(plan.DeliveryEvents);
            if (plan.Ended is { } ended) session.Events.Append(campaignId, ended);
            try
            {
                await session.SaveChangesAsync(ct);
                return true;
            }
            catch (Exception race) when (race is JasperFx.DocumentAlreadyExistsException || IsRace(race))
            {
                if (attempt == Attempts)
                {
                    logger.LogWarning("Gave up counting {Count} impressions and clicks of campaign {Campaign} after {Attempts} races", batch.Count, campaignId, Attempts);
                    return false;
                }

                // Another replica spent one of these tokens or took one of these places first (reading again finds
                // it), or appended to the campaign's delivery first (reading again sees its count): plan again.
                if (race is not JasperFx.DocumentAlreadyExistsException) await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt, 7)), ct);
            }
        }
    }

    private static bool IsRace(Exception e) =>
        e is JasperFx.ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
        || e.InnerException is JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException;

    private sealed class Line
    {
        public readonly ConcurrentQueue<Waiting> Queue = new();

        /// <summary>1 while a drain runs for this campaign (one at a time, so batches of one campaign never race each other).</summary>
        public int Draining;
    }

    private sealed class Waiting(PendingCount count)
    {
        public PendingCount Count { get; } = count;

        public TaskCompletionSource<bool> Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
