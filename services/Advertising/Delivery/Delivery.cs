using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Advertising.Delivery;

// What a campaign delivered, one stream per campaign (id derived from "delivery:{campaignId}"): every counted
// impression and click is an event. Counting appends at the version it read, so two replicas counting the same
// campaign at once cannot both take the last impression of a goal (docs/decisions/0005).

/// <summary>An ad was shown; counted once per signed impression token, with the site's calendar day (`localDay`).</summary>
public sealed record ImpressionCounted(Guid CampaignId, Guid CreativeId, Guid DecisionId, string LocalDay, DateTimeOffset At);

/// <summary>A reader clicked an ad; counted once per signed click token.</summary>
public sealed record ClickCounted(Guid CampaignId, Guid CreativeId, Guid DecisionId, DateTimeOffset At);

public sealed record Delivery(Guid Id, Guid CampaignId, long Impressions, long Clicks, string? Day, long ImpressionsToday, long Version)
{
    public static Guid StreamId(Guid campaignId) => StreamIds.For($"delivery:{campaignId}");

    /// <summary>Impressions counted on <paramref name="localDay"/> (the site's calendar day).</summary>
    public long ImpressionsOn(string localDay) => Day == localDay ? ImpressionsToday : 0;

    public static Delivery? Transition(Delivery? state, object @event)
    {
        switch (@event)
        {
            case ImpressionCounted e:
            {
                var s = state ?? Empty(e.CampaignId);
                return s with { Impressions = s.Impressions + 1, Day = e.LocalDay, ImpressionsToday = s.ImpressionsOn(e.LocalDay) + 1 };
            }
            case ClickCounted e:
            {
                var s = state ?? Empty(e.CampaignId);
                return s with { Clicks = s.Clicks + 1 };
            }
            default:
                return state; // another stream's event (the projection sees every stream)
        }
    }

    private static Delivery Empty(Guid campaignId) => new(StreamId(campaignId), campaignId, 0, 0, null, 0, 0);
}

public sealed record CountImpression(Guid CampaignId, Guid CreativeId, Guid DecisionId, long? ImpressionGoal, long? DailyImpressionCap,
    string LocalDay, DateTimeOffset Now);

public sealed record CountClick(Guid CampaignId, Guid CreativeId, Guid DecisionId, DateTimeOffset Now);

/// <summary>The ledger's rules: an impression counts only while the goal and the day's cap have room.</summary>
public static class DeliveryDecider
{
    public static Decision Decide(Delivery? state, CountImpression c) =>
        Spent(state, c.ImpressionGoal, c.DailyImpressionCap, c.LocalDay) is { } why
            ? Decision.Reject(why)
            : Decision.Accept(new ImpressionCounted(c.CampaignId, c.CreativeId, c.DecisionId, c.LocalDay, c.Now));

    /// <summary>
    /// Why a campaign may take no more impressions (its goal, or the cap of the site's day), or null while it has
    /// room. The ledger counts by this rule, and the decisions skip a campaign by it.
    /// </summary>
    public static string? Spent(Delivery? delivery, long? goal, long? dailyCap, string localDay) =>
        goal is { } g && (delivery?.Impressions ?? 0) >= g ? "The campaign reached its impression goal."
        : dailyCap is { } cap && (delivery?.ImpressionsOn(localDay) ?? 0) >= cap ? "The campaign reached its impressions for the day."
        : null;

    public static Decision Decide(Delivery? state, CountClick c) =>
        Decision.Accept(new ClickCounted(c.CampaignId, c.CreativeId, c.DecisionId, c.Now));

    /// <summary>True when this impression used the goal's last place: the campaign ends by goal.</summary>
    public static bool ReachesGoal(Delivery? before, long? goal) => goal is { } g && (before?.Impressions ?? 0) + 1 >= g;
}

public sealed class DeliveryProjection : SingleStreamProjection<Delivery, Guid>
{
    public override Delivery? Evolve(Delivery? snapshot, Guid id, IEvent e) =>
        Delivery.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

/// <summary>A token already spent on an impression or a click (<c>i:{decisionId}</c>, <c>c:{decisionId}</c>): the inbox of the ledger.</summary>
public sealed record SpentToken(string Id, DateTimeOffset At);

/// <summary>
/// One of the impressions an address may count for a campaign in one clock minute
/// (<see cref="LedgerOptions.ImpressionsPerIpPerCampaignPerMinute"/> places, <c>{campaign}/{minute}/{address}/{place}</c>).
/// The address is kept only as a keyed hash: the ledger needs to tell addresses apart, never to know them.
/// </summary>
public sealed record ImpressionFromAddress(string Id, DateTimeOffset At)
{
    public static string[] Places(Guid campaignId, string addressHash, DateTimeOffset now, int perMinute)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        return [.. Enumerable.Range(0, perMinute).Select(place => $"{campaignId:N}/{minute}/{addressHash}/{place}")];
    }
}

/// <summary>Impressions and clicks of one campaign in one UTC hour: what reports add up.</summary>
public sealed record HourlyRollup(string Id, Guid CampaignId, DateTimeOffset HourStart, long Impressions, long Clicks)
{
    public static DateTimeOffset HourOf(DateTimeOffset at) =>
        new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    public static string Key(Guid campaignId, DateTimeOffset at) => $"{campaignId}/{HourOf(at):yyyyMMddHH}";
}

public sealed class HourlyRollupProjection : MultiStreamProjection<HourlyRollup, string>
{
    public HourlyRollupProjection()
    {
        Identity<ImpressionCounted>(e => HourlyRollup.Key(e.CampaignId, e.At));
        Identity<ClickCounted>(e => HourlyRollup.Key(e.CampaignId, e.At));
    }

    public override HourlyRollup? Evolve(HourlyRollup? snapshot, string id, IEvent e)
    {
        switch (e.Data)
        {
            case ImpressionCounted i:
            {
                var rollup = snapshot ?? new HourlyRollup(id, i.CampaignId, HourlyRollup.HourOf(i.At), 0, 0);
                return rollup with { Impressions = rollup.Impressions + 1 };
            }
            case ClickCounted c:
            {
                var rollup = snapshot ?? new HourlyRollup(id, c.CampaignId, HourlyRollup.HourOf(c.At), 0, 0);
                return rollup with { Clicks = rollup.Clicks + 1 };
            }
            default:
                return snapshot;
        }
    }
}
