using NewsPlatform.Advertising.Campaigns;

namespace NewsPlatform.Advertising.Delivery;

/// <summary>
/// An impression or click URL that arrived: its checked token, the sender's address (hashed; impressions only) and the
/// moment, in the site's day (impressions only).
/// </summary>
public sealed record PendingCount(AdToken Ad, bool IsClick, string AddressHash, DateTimeOffset Now, string LocalDay)
{
    public static PendingCount Impression(AdToken ad, string addressHash, DateTimeOffset now, string localDay) => new(ad, false, addressHash, now, localDay);

    public static PendingCount Click(AdToken ad, DateTimeOffset now) => new(ad, true, "", now, ""); // a click has no cap by day
}

/// <summary>What one transaction of the ledger writes for a batch of impressions and clicks of one campaign.</summary>
public sealed record DeliveryBatchPlan(
    IReadOnlyList<SpentToken> Spend,
    IReadOnlyList<ImpressionFromAddress> Places,
    IReadOnlyList<object> DeliveryEvents,
    CampaignEnded? Ended);

/// <summary>
/// The ledger's rules for a batch of impressions and clicks of one campaign, in arrival order, as if each were counted
/// alone after the one before it: a token counts once (also when it is twice in the batch); an impression's address
/// takes one of its minute's places or counts nothing, and <see cref="DeliveryDecider"/> refuses an impression past
/// the goal or the day's cap; a click always counts. The impression that takes the goal's last place ends the
/// campaign. Pure: the ledger reads, plans, then writes.
/// </summary>
public static class DeliveryBatch
{
    /// <summary>The spent-token document of a count: <c>i:{decisionId}</c> for an impression, <c>c:{decisionId}</c> for a click.</summary>
    public static string SpentKey(PendingCount count) => $"{(count.IsClick ? "c" : "i")}:{count.Ad.DecisionId}";

    /// <param name="delivery">The campaign's delivery as read, at the version the append expects.</param>
    /// <param name="campaign">Null when the campaign is gone: the tokens are spent, nothing counts.</param>
    /// <param name="spent">The batch's token keys already spent.</param>
    /// <param name="taken">The batch's address places already taken.</param>
    /// <param name="perMinute">Impressions an address may count a minute; 0: no limit. Clicks take no place.</param>
    public static DeliveryBatchPlan Plan(Delivery? delivery, Campaign? campaign, IReadOnlyList<PendingCount> batch,
        IReadOnlySet<string> spent, IReadOnlySet<string> taken, int perMinute)
    {
        var spend = new List<SpentToken>();
        var places = new List<ImpressionFromAddress>();
        var events = new List<object>();
        var spentNow = new HashSet<string>(spent, StringComparer.Ordinal);
        var takenNow = new HashSet<string>(taken, StringComparer.Ordinal);
        CampaignEnded? ended = null;
        foreach (var count in batch)
        {
            var key = SpentKey(count);
            if (!spentNow.Add(key)) continue; // counted before, or earlier in this batch
            spend.Add(new SpentToken(key, count.Now));
            if (campaign is null) continue;

            if (count.IsClick)
            {
                foreach (var click in DeliveryDecider.Decide(delivery, new CountClick(campaign.Id, count.Ad.CreativeId, count.Ad.DecisionId, count.Now)).Events)
                {
                    events.Add(click);
                    delivery = Delivery.Transition(delivery, click);
                }

                continue;
            }

            if (perMinute > 0)
            {
                var place = PlacesOf(campaign.Id, count, perMinute).FirstOrDefault(p => !takenNow.Contains(p));
                if (place is null) continue; // this address's minute is spent: the token is spent, nothing counts
                takenNow.Add(place);
                places.Add(new ImpressionFromAddress(place, count.Now));
            }

            var decision = DeliveryDecider.Decide(delivery, new CountImpression(campaign.Id, count.Ad.CreativeId, count.Ad.DecisionId,
                campaign.ImpressionGoal, campaign.DailyImpressionCap, count.LocalDay, count.Now));
            if (decision.IsRejected) continue; // the goal or the day's cap is spent
            var reachesGoal = DeliveryDecider.ReachesGoal(delivery, campaign.ImpressionGoal);
            foreach (var counted in decision.Events)
            {
                events.Add(counted);
                delivery = Delivery.Transition(delivery, counted);
            }

            if (reachesGoal && campaign.Status != CampaignStatus.Ended && ended is null)
            {
                ended = new CampaignEnded(campaign.Id, EndReason.Goal, "ledger", count.Now);
            }
        }

        return new DeliveryBatchPlan(spend, places, events, ended);
    }

    /// <summary>Every address place the batch's impressions may take, to read in one query.</summary>
    public static string[] PlacesOf(Guid campaignId, IEnumerable<PendingCount> batch, int perMinute) =>
        perMinute <= 0 ? [] : [.. batch.Where(c => !c.IsClick).SelectMany(c => PlacesOf(campaignId, c, perMinute)).Distinct(StringComparer.Ordinal)];

    private static string[] PlacesOf(Guid campaignId, PendingCount impression, int perMinute) =>
        ImpressionFromAddress.Places(campaignId, impression.AddressHash, impression.Now, perMinute);
}
