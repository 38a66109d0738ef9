using System.Text.Json.Serialization;

namespace NewsPlatform.Advertising.Campaigns;

// A campaign is one stream (id = campaign id): what it is, its creatives, and its lifecycle
// created → active → paused ↔ active → ended (by date, by goal, by hand). What it delivered lives in its
// delivery stream (Delivery/), so that counting impressions never moves the ETag an advertiser edits with.

public enum CampaignPriority
{
    House,
    Standard,
    Sponsorship,
}

public enum CampaignStatus
{
    Created,
    Active,
    Paused,
    Ended,
}

public enum EndReason
{
    Date,
    Goal,
    Hand,
}

public enum CreativeKind
{
    Image,
    Html,
    Text,
}

/// <summary>
/// Whether a creative may be served. An advertiser's HTML waits for an admin (<c>pending_review</c>); images, text
/// and an admin's own HTML are approved as they are added; an admin may reject any creative, which stops it serving.
/// </summary>
public enum CreativeReview
{
    Approved,
    [JsonStringEnumMemberName("pending_review")] PendingReview,
    Rejected,
}

/// <summary>Where a campaign may show; an empty list means anywhere.</summary>
public sealed record Targeting(IReadOnlyList<string> Slots, IReadOnlyList<string> Sections, IReadOnlyList<string> Tags, IReadOnlyList<string> Languages);

/// <summary>A campaign was created with its dates, goal, daily cap and targeting.</summary>
public sealed record CampaignCreated(
    Guid CampaignId,
    Guid AdvertiserId,
    string Name,
    CampaignPriority Priority,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    long? ImpressionGoal,
    long? DailyImpressionCap,
    Targeting Targeting,
    string By,
    DateTimeOffset At);

/// <summary>An ad (text, image or HTML) was added to a campaign for one slot.</summary>
public sealed record CreativeAdded(
    Guid CampaignId,
    Guid CreativeId,
    string Slot,
    CreativeKind Kind,
    string? ImageUrl,
    string? Html,
    string? Text,
    string? AltText,
    int? Width,
    int? Height,
    string LandingUrl,
    string By,
    DateTimeOffset At);

/// <summary>A campaign started serving (within its dates).</summary>
public sealed record CampaignActivated(Guid CampaignId, string By, DateTimeOffset At);

/// <summary>A campaign stopped serving for a while.</summary>
public sealed record CampaignPaused(Guid CampaignId, string By, DateTimeOffset At);

/// <summary>A paused campaign serves again.</summary>
public sealed record CampaignResumed(Guid CampaignId, string By, DateTimeOffset At);

/// <summary>A campaign stopped for good (its goal reached, its end date passed or stopped by hand: `reason`).</summary>
public sealed record CampaignEnded(Guid CampaignId, EndReason Reason, string By, DateTimeOffset At);

/// <summary>An advertiser's HTML creative was added and waits for an admin before it is served.</summary>
public sealed record CreativeSubmittedForReview(Guid CampaignId, Guid CreativeId, string By, DateTimeOffset At);

/// <summary>A reviewer approved an ad: it may serve.</summary>
public sealed record CreativeApproved(Guid CampaignId, Guid CreativeId, string By, DateTimeOffset At);

/// <summary>A reviewer rejected an ad, with the reason.</summary>
public sealed record CreativeRejected(Guid CampaignId, Guid CreativeId, string Reason, string By, DateTimeOffset At);
