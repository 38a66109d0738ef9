using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Advertising.Campaigns;

/// <summary>Adds a creative; <paramref name="ByAdmin"/> says whether the one adding it is an admin (whose HTML needs no second look).</summary>
public sealed record AddCreative(Creative Creative, bool ByAdmin, string By, DateTimeOffset Now);

public sealed record ApproveCreative(Guid CreativeId, string By, DateTimeOffset Now);

public sealed record RejectCreative(Guid CreativeId, string Reason, string By, DateTimeOffset Now);

public sealed record ActivateCampaign(string By, DateTimeOffset Now);

public sealed record PauseCampaign(string By, DateTimeOffset Now);

public sealed record ResumeCampaign(string By, DateTimeOffset Now);

public sealed record EndCampaign(EndReason Reason, string By, DateTimeOffset Now);

/// <summary>The lifecycle rules of a campaign: created → active → paused ↔ active → ended.</summary>
public static class CampaignDecider
{
    public static Decision Decide(Campaign state, AddCreative c)
    {
        if (state.Status == CampaignStatus.Ended) return Decision.Reject("An ended campaign takes no new creatives.");
        if (state.Targeting.Slots.Count > 0 && !state.Targeting.Slots.Contains(c.Creative.Slot))
        {
            return Decision.Reject($"The campaign does not target the slot {c.Creative.Slot}.");
        }

        var k = c.Creative;
        var added = new CreativeAdded(state.Id, k.Id, k.Slot, k.Kind, k.ImageUrl, k.Html, k.Text, k.AltText, k.Width, k.Height,
            k.LandingUrl, c.By, c.Now);
        if (k.Kind != CreativeKind.Html) return Decision.Accept(added); // an image or a line of text shows what it is: no review

        // HTML can look like anything (a sign-in box, the site's own header): an advertiser's waits for an admin. An
        // admin's is approved as it is added, by that admin: the person who would review it is the one uploading it,
        // and the approval is still on record with their name.
        return c.ByAdmin
            ? Decision.Accept(added, new CreativeApproved(state.Id, k.Id, c.By, c.Now))
            : Decision.Accept(added, new CreativeSubmittedForReview(state.Id, k.Id, c.By, c.Now));
    }

    /// <summary>An admin lets a creative waiting for review serve; approving one already approved changes nothing.</summary>
    public static Decision Decide(Campaign state, ApproveCreative c) => state.CreativeOf(c.CreativeId)?.Review switch
    {
        null => Decision.Reject($"The campaign has no creative {c.CreativeId}."),
        _ when state.Status == CampaignStatus.Ended => Decision.Reject("An ended campaign's creatives are no longer reviewed."),
        CreativeReview.Approved => Decision.Nothing,
        CreativeReview.Rejected => Decision.Reject("A rejected creative stays rejected; the advertiser adds a corrected one."),
        _ => Decision.Accept(new CreativeApproved(state.Id, c.CreativeId, c.By, c.Now)),
    };

    /// <summary>An admin refuses a creative, waiting or already serving (it stops serving); rejecting it again changes nothing.</summary>
    public static Decision Decide(Campaign state, RejectCreative c) => state.CreativeOf(c.CreativeId)?.Review switch
    {
        null => Decision.Reject($"The campaign has no creative {c.CreativeId}."),
        _ when state.Status == CampaignStatus.Ended => Decision.Reject("An ended campaign's creatives are no longer reviewed."),
        CreativeReview.Rejected => Decision.Nothing,
        _ when string.IsNullOrWhiteSpace(c.Reason) => Decision.Reject("A rejection says why."),
        _ => Decision.Accept(new CreativeRejected(state.Id, c.CreativeId, c.Reason.Trim(), c.By, c.Now)),
    };

    public static Decision Decide(Campaign state, ActivateCampaign c) => state.Status switch
    {
        CampaignStatus.Active => Decision.Nothing,
        CampaignStatus.Ended => Decision.Reject("An ended campaign cannot be activated."),
        CampaignStatus.Paused => Decision.Reject("A paused campaign is resumed, not activated."),
        _ when state.Creatives.Count == 0 => Decision.Reject("A campaign needs a creative before it goes live."),
        _ when c.Now >= state.EndsAt => Decision.Reject("The campaign's end date has passed."),
        _ => Decision.Accept(new CampaignActivated(state.Id, c.By, c.Now)),
    };

    public static Decision Decide(Campaign state, PauseCampaign c) => state.Status switch
    {
        CampaignStatus.Paused => Decision.Nothing,
        CampaignStatus.Active => Decision.Accept(new CampaignPaused(state.Id, c.By, c.Now)),
        CampaignStatus.Ended => Decision.Reject("An ended campaign cannot be paused."),
        _ => Decision.Reject("Only an active campaign can be paused."),
    };

    public static Decision Decide(Campaign state, ResumeCampaign c) => state.Status switch
    {
        CampaignStatus.Active => Decision.Nothing,
        CampaignStatus.Paused when c.Now >= state.EndsAt => Decision.Reject("The campaign's end date has passed."),
        CampaignStatus.Paused => Decision.Accept(new CampaignResumed(state.Id, c.By, c.Now)),
        CampaignStatus.Ended => Decision.Reject("An ended campaign cannot be resumed."),
        _ => Decision.Reject("Only a paused campaign can be resumed; activate it first."),
    };

    public static Decision Decide(Campaign state, EndCampaign c) => state.Status switch
    {
        CampaignStatus.Ended => Decision.Nothing,
        _ when c.Reason == EndReason.Date && c.Now < state.EndsAt => Decision.Nothing,
        _ => Decision.Accept(new CampaignEnded(state.Id, c.Reason, c.By, c.Now)),
    };
}
