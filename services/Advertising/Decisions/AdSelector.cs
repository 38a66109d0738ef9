using NewsPlatform.Advertising.Campaigns;

namespace NewsPlatform.Advertising.Decisions;

/// <summary>An active campaign as the decisions see it: what it targets and how much it has delivered.</summary>
public sealed record CampaignSnapshot(Campaign Campaign, Delivery.Delivery? Delivery)
{
    public long Impressions => Delivery?.Impressions ?? 0;
}

/// <summary>What a page asks for: a slot, its context, the campaigns it already shows.</summary>
public sealed record AdRequest(string Slot, string? Section, IReadOnlyList<string> Tags, string? Language, IReadOnlySet<Guid> Exclude);

/// <summary>
/// Picks the ad for a slot (pure: the clock and the random source come in). Eligible: active, within its dates,
/// targeting the slot and the page, with an approved creative for the slot, goal and daily cap not reached, not excluded.
/// The highest priority tier wins; within it the campaign furthest behind an even pace toward its goal, and a
/// random one among equals.
/// </summary>
public static class AdSelector
{
    public static (Campaign Campaign, Creative Creative)? Choose(IEnumerable<CampaignSnapshot> campaigns, AdRequest request,
        DateTimeOffset now, string localDay, Random random)
    {
        var eligible = campaigns.Where(c => IsEligible(c, request, now, localDay)).ToList();
        if (eligible.Count == 0) return null;

        var tier = eligible.Max(c => c.Campaign.Priority);
        var inTier = eligible.Where(c => c.Campaign.Priority == tier).ToList();
        var mostBehind = inTier.Max(c => Behind(c, now));
        var candidates = inTier.Where(c => Math.Abs(Behind(c, now) - mostBehind) < 1e-9).ToList();
        var chosen = candidates[random.Next(candidates.Count)].Campaign;
        var creatives = chosen.Creatives.Where(k => k.Slot == request.Slot && k.Servable).ToList();
        return (chosen, creatives[random.Next(creatives.Count)]);
    }

    public static bool IsEligible(CampaignSnapshot snapshot, AdRequest request, DateTimeOffset now, string localDay)
    {
        var c = snapshot.Campaign;
        return c.Status == CampaignStatus.Active
               && c.StartsAt <= now && now < c.EndsAt
               && !request.Exclude.Contains(c.Id)
               && c.Creatives.Any(k => k.Slot == request.Slot && k.Servable) // an HTML creative waiting for review never shows
               && Targets(c.Targeting, request)
               && Delivery.DeliveryDecider.Spent(snapshot.Delivery, c.ImpressionGoal, c.DailyImpressionCap, localDay) is null;
    }

    /// <summary>
    /// How far behind an even pace the campaign is, as a share of its goal: the share of its flight that has
    /// passed minus the share of its goal delivered. A campaign without a goal is on pace (0).
    /// </summary>
    public static double Behind(CampaignSnapshot snapshot, DateTimeOffset now)
    {
        var c = snapshot.Campaign;
        if (c.ImpressionGoal is not { } goal || goal <= 0) return 0;
        var flight = (c.EndsAt - c.StartsAt).TotalSeconds;
        var elapsed = flight <= 0 ? 1 : Math.Clamp((now - c.StartsAt).TotalSeconds / flight, 0, 1);
        return elapsed - (double)snapshot.Impressions / goal;
    }

    private static bool Targets(Targeting targeting, AdRequest request) =>
        (targeting.Slots.Count == 0 || targeting.Slots.Contains(request.Slot, StringComparer.OrdinalIgnoreCase))
        && (targeting.Sections.Count == 0 || (request.Section is { } section && targeting.Sections.Contains(section, StringComparer.OrdinalIgnoreCase)))
        && (targeting.Tags.Count == 0 || request.Tags.Any(t => targeting.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
        && (targeting.Languages.Count == 0 || (request.Language is { } lang && targeting.Languages.Any(l => SameLanguage(l, lang))));

    /// <summary>A campaign for <c>fr</c> shows on <c>fr-MU</c> pages; one for <c>fr-MU</c> only there.</summary>
    private static bool SameLanguage(string targeted, string page) =>
        string.Equals(targeted, page, StringComparison.OrdinalIgnoreCase)
        || page.StartsWith(targeted + "-", StringComparison.OrdinalIgnoreCase);
}
