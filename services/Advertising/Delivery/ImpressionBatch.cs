using NewsPlatform.Advertising.Campaigns;

namespace NewsPlatform.Advertising.Delivery;

/// <summary>An impression URL that arrived: its checked token, the sender's address (hashed) and the moment, in the site's day.</summary>
public sealed record PendingImpression(AdToken Ad, string AddressHash, DateTimeOffset Now, string LocalDay);

/// <summary>What one transaction of the ledger writes for a batch of impressions of one campaign.</summary>
public sealed record ImpressionBatchPlan(
    IReadOnlyList<SpentToken> Spend,
    IReadOnlyList<ImpressionFromAddress> Places,
    IReadOnlyList<object> DeliveryEvents,
    CampaignEnded? Ended);

/// <summary>
/// The ledger's rules for a batch of impressions of one campaign, in arrival order, as if each were counted alone
/// after the one before it: a token counts once (also when it is twice in the batch), an address takes one of its
/// minute's places or counts nothing, and <see cref="DeliveryDecider"/> refuses past the goal or the day's cap. The
/// impression that takes the goal's last place ends the campaign. Pure: the ledger reads, plans, then writes.
/// </summary>
public static class ImpressionBatch
{
    public static string SpentKey(Guid decisionId) => $"i:{decisionId}";

    /// <param name="delivery">The campaign's delivery as read, at the version the append expects.</param>
    /// <param name="campaign">Null when the campaign is gone: the tokens are spent, nothing counts.</param>
    /// <param name="spent">The batch's token keys already spent.</param>
    /// <param name="taken">The batch's address places already taken.</param>
    /// <param name="perMinute">Impressions an address may count a minute; 0: no limit.</param>
    public static ImpressionBatchPlan Plan(Delivery? delivery, Campaign? campaign, IReadOnlyList<PendingImpression> batch,
        IReadOnlySet<string> spent, IReadOnlySet<string> taken, int perMinute)
    {
        var spend = new List<SpentToken>();
        var places = new List<ImpressionFromAddress>();
        var events = new List<object>();
        var spentNow = new HashSet<string>(spent, StringComparer.Ordinal);
        var takenNow = new HashSet<string>(taken, StringComparer.Ordinal);
        CampaignEnded? ended = null;
        foreach (var impression in batch)
        {
            var key = SpentKey(impression.Ad.DecisionId);
            if (!spentNow.Add(key)) continue; // counted before, or earlier in this batch
            spend.Add(new SpentToken(key, impression.Now));
            if (campaign is null) continue;

            if (perMinute > 0)
            {
                var place = PlacesOf(campaign.Id, impression, perMinute).FirstOrDefault(p => !takenNow.Contains(p));
                if (place is null) continue; // this address's minute is spent: the token is spent, nothing counts
                takenNow.Add(place);
                places.Add(new ImpressionFromAddress(place, impression.Now));
            }

            var decision = DeliveryDecider.Decide(delivery, new CountImpression(campaign.Id, impression.Ad.CreativeId, impression.Ad.DecisionId,
                campaign.ImpressionGoal, campaign.DailyImpressionCap, impression.LocalDay, impression.Now));
            if (decision.IsRejected) continue; // the goal or the day's cap is spent
            var reachesGoal = DeliveryDecider.ReachesGoal(delivery, campaign.ImpressionGoal);
            foreach (var counted in decision.Events)
            {
                events.Add(counted);
                delivery = Delivery.Transition(delivery, counted);
            }

            if (reachesGoal && campaign.Status != CampaignStatus.Ended && ended is null)
            {
                ended = new CampaignEnded(campaign.Id, EndReason.Goal, "ledger", impression.Now);
            }
        }

        return new ImpressionBatchPlan(spend, places, events, ended);
    }

    /// <summary>Every address place the batch may take, to read in one query.</summary>
    public static string[] PlacesOf(Guid campaignId, IEnumerable<PendingImpression> batch, int perMinute) =>
        perMinute <= 0 ? [] : [.. batch.SelectMany(i => PlacesOf(campaignId, i, perMinute)).Distinct(StringComparer.Ordinal)];

    private static string[] PlacesOf(Guid campaignId, PendingImpression impression, int perMinute) =>
        ImpressionFromAddress.Places(campaignId, impression.AddressHash, impression.Now, perMinute);
}
