using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NewsPlatform.Advertising.Campaigns;

public sealed record Creative(
    Guid Id,
    string Slot,
    CreativeKind Kind,
    string? ImageUrl,
    string? Html,
    string? Text,
    string? AltText,
    int? Width,
    int? Height,
    string LandingUrl,
    CreativeReview Review = CreativeReview.Approved,
    string? RejectionReason = null)
{
    /// <summary>Only an approved creative reaches a reader.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Servable => Review == CreativeReview.Approved;
}

public sealed record Campaign(
    Guid Id,
    Guid AdvertiserId,
    string Name,
    CampaignPriority Priority,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    long? ImpressionGoal,
    long? DailyImpressionCap,
    Targeting Targeting,
    CampaignStatus Status,
    EndReason? EndedBy,
    IReadOnlyList<Creative> Creatives,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static Campaign? Transition(Campaign? state, object @event) => (state, @event) switch
    {
        (null, CampaignCreated e) => new Campaign(e.CampaignId, e.AdvertiserId, e.Name, e.Priority, e.StartsAt, e.EndsAt, e.ImpressionGoal,
            e.DailyImpressionCap, e.Targeting, CampaignStatus.Created, null, [], e.At, e.At, 0),
        (null, _) => null,
        (_, CreativeAdded e) => state with
        {
            Creatives = [.. state.Creatives, new Creative(e.CreativeId, e.Slot, e.Kind, e.ImageUrl, e.Html, e.Text, e.AltText, e.Width, e.Height, e.LandingUrl)],
            UpdatedAt = e.At,
        },
        (_, CreativeSubmittedForReview e) => state.WithCreative(e.CreativeId, k => k with { Review = CreativeReview.PendingReview }, e.At),
        (_, CreativeApproved e) => state.WithCreative(e.CreativeId, k => k with { Review = CreativeReview.Approved, RejectionReason = null }, e.At),
        (_, CreativeRejected e) => state.WithCreative(e.CreativeId, k => k with { Review = CreativeReview.Rejected, RejectionReason = e.Reason }, e.At),
        (_, CampaignActivated e) => state with { Status = CampaignStatus.Active, UpdatedAt = e.At },
        (_, CampaignPaused e) => state with { Status = CampaignStatus.Paused, UpdatedAt = e.At },
        (_, CampaignResumed e) => state with { Status = CampaignStatus.Active, UpdatedAt = e.At },
        (_, CampaignEnded e) when state.Status != CampaignStatus.Ended => state with { Status = CampaignStatus.Ended, EndedBy = e.Reason, UpdatedAt = e.At },
        _ => state,
    };

    public Creative? CreativeOf(Guid creativeId) => Creatives.FirstOrDefault(k => k.Id == creativeId);

    private Campaign WithCreative(Guid creativeId, Func<Creative, Creative> change, DateTimeOffset at) => this with
    {
        Creatives = [.. Creatives.Select(k => k.Id == creativeId ? change(k) : k)],
        UpdatedAt = at,
    };
}

public sealed class CampaignProjection : SingleStreamProjection<Campaign, Guid>
{
    public override Campaign? Evolve(Campaign? snapshot, Guid id, IEvent e) =>
        Campaign.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
