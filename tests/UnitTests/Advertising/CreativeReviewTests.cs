using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Decisions;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.UnitTests.Advertising;

/// <summary>Creative review, given events: an advertiser's HTML waits for an admin, and only approved creatives serve.</summary>
public sealed class CreativeReviewTests
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static CampaignCreated Created() => new(Id, Guid.CreateVersion7(), "Winter fares", CampaignPriority.Standard, Now.AddDays(-1),
        Now.AddDays(9), null, null, new Targeting(["top"], [], [], []), "ana", Now.AddDays(-2));

    private static Creative Html(Guid? id = null) => new(id ?? Guid.CreateVersion7(), "top", CreativeKind.Html, null, "<p>Fly to Rodrigues</p>",
        null, null, 300, 250, "https://fly.example");

    private static CreativeAdded Added(Creative k) =>
        new(Id, k.Id, k.Slot, k.Kind, k.ImageUrl, k.Html, k.Text, k.AltText, k.Width, k.Height, k.LandingUrl, "ana", Now.AddDays(-2));

    private static Campaign Given(params object[] events) =>
        events.Aggregate((Campaign?)null, (state, e) => Campaign.Transition(state, e)) ?? throw new InvalidOperationException();

    private static Campaign Pending(Creative k) => Given(Created(), Added(k), new CreativeSubmittedForReview(Id, k.Id, "ana", Now.AddDays(-2)),
        new CampaignActivated(Id, "ana", Now.AddDays(-1)));

    private static bool Serves(Campaign campaign) =>
        AdSelector.Choose([new CampaignSnapshot(campaign, null)], new AdRequest("top", null, [], null, new HashSet<Guid>()), Now, "2026-11-24",
            new Random(1)) is not null;

    [Fact]
    public void An_advertisers_html_creative_is_added_pending_review_and_does_not_serve()
    {
        var k = Html();
        var decision = CampaignDecider.Decide(Given(Created()), new AddCreative(k, ByAdmin: false, "ana", Now));

        Assert.False(decision.IsRejected);
        Assert.Collection(decision.Events, e => Assert.IsType<CreativeAdded>(e), e => Assert.Equal(new CreativeSubmittedForReview(Id, k.Id, "ana", Now), e));
        var campaign = Given([Created(), .. decision.Events, new CampaignActivated(Id, "ana", Now)]);
        Assert.Equal(CreativeReview.PendingReview, campaign.CreativeOf(k.Id)!.Review);
        Assert.False(Serves(campaign));
    }

    [Fact]
    public void An_admins_html_creative_is_approved_as_it_is_added_with_the_admins_name()
    {
        var k = Html();
        var decision = CampaignDecider.Decide(Given(Created()), new AddCreative(k, ByAdmin: true, "root", Now));

        Assert.Collection(decision.Events, e => Assert.IsType<CreativeAdded>(e), e => Assert.Equal(new CreativeApproved(Id, k.Id, "root", Now), e));
        Assert.True(Serves(Given([Created(), .. decision.Events, new CampaignActivated(Id, "root", Now)])));
    }

    [Fact]
    public void Image_and_text_creatives_need_no_review()
    {
        foreach (var kind in new[] { CreativeKind.Image, CreativeKind.Text })
        {
            var k = Html() with { Kind = kind, Html = null, ImageUrl = "https://fly.example/a.png", Text = "Fly" };
            var added = Assert.IsType<CreativeAdded>(Assert.Single(CampaignDecider.Decide(Given(Created()), new AddCreative(k, false, "ana", Now)).Events));
            Assert.True(Serves(Given(Created(), added, new CampaignActivated(Id, "ana", Now))));
        }
    }

    [Fact]
    public void An_approved_creative_serves_and_approving_it_again_changes_nothing()
    {
        var k = Html();
        var pending = Pending(k);
        var approved = Assert.IsType<CreativeApproved>(Assert.Single(CampaignDecider.Decide(pending, new ApproveCreative(k.Id, "root", Now)).Events));
        Assert.Equal(new CreativeApproved(Id, k.Id, "root", Now), approved);

        var live = Given(Created(), Added(k), new CreativeSubmittedForReview(Id, k.Id, "ana", Now), new CampaignActivated(Id, "ana", Now), approved);
        Assert.True(Serves(live));
        Assert.Equal(Decision.Nothing, CampaignDecider.Decide(live, new ApproveCreative(k.Id, "root", Now)));
    }

    [Fact]
    public void A_rejected_creative_keeps_its_reason_never_serves_and_cannot_then_be_approved()
    {
        var k = Html();
        var rejected = Assert.IsType<CreativeRejected>(Assert.Single(
            CampaignDecider.Decide(Pending(k), new RejectCreative(k.Id, "  Looks like the bank's sign-in page. ", "root", Now)).Events));
        Assert.Equal("Looks like the bank's sign-in page.", rejected.Reason);

        var campaign = Given(Created(), Added(k), new CreativeSubmittedForReview(Id, k.Id, "ana", Now), new CampaignActivated(Id, "ana", Now), rejected);
        Assert.Equal((CreativeReview.Rejected, "Looks like the bank's sign-in page."), (campaign.CreativeOf(k.Id)!.Review, campaign.CreativeOf(k.Id)!.RejectionReason));
        Assert.False(Serves(campaign));
        Assert.True(CampaignDecider.Decide(campaign, new ApproveCreative(k.Id, "root", Now)).IsRejected);
        Assert.Equal(Decision.Nothing, CampaignDecider.Decide(campaign, new RejectCreative(k.Id, "again", "root", Now)));
    }

    [Fact]
    public void An_admin_may_take_down_a_serving_creative_but_not_without_a_reason()
    {
        var k = Html();
        var live = Given(Created(), Added(k), new CampaignActivated(Id, "ana", Now));
        Assert.True(Serves(live));
        Assert.True(CampaignDecider.Decide(live, new RejectCreative(k.Id, " ", "root", Now)).IsRejected);
        var rejected = Single(CampaignDecider.Decide(live, new RejectCreative(k.Id, "Complaints from readers", "root", Now)));
        Assert.False(Serves(Given(Created(), Added(k), new CampaignActivated(Id, "ana", Now), rejected)));
    }

    [Fact]
    public void Unknown_creatives_and_ended_campaigns_are_refused()
    {
        var k = Html();
        Assert.True(CampaignDecider.Decide(Pending(k), new ApproveCreative(Guid.CreateVersion7(), "root", Now)).IsRejected);
        Assert.True(CampaignDecider.Decide(Pending(k), new RejectCreative(Guid.CreateVersion7(), "no", "root", Now)).IsRejected);
        var ended = Given(Created(), Added(k), new CreativeSubmittedForReview(Id, k.Id, "ana", Now), new CampaignEnded(Id, EndReason.Hand, "ana", Now));
        Assert.True(CampaignDecider.Decide(ended, new ApproveCreative(k.Id, "root", Now)).IsRejected);
    }

    [Fact]
    public void A_campaign_with_one_pending_and_one_approved_creative_serves_only_the_approved_one()
    {
        var pending = Html();
        var approved = Html() with { Html = "<p>Approved</p>" };
        var campaign = Given(Created(), Added(pending), new CreativeSubmittedForReview(Id, pending.Id, "ana", Now), Added(approved),
            new CreativeSubmittedForReview(Id, approved.Id, "ana", Now), new CreativeApproved(Id, approved.Id, "root", Now),
            new CampaignActivated(Id, "ana", Now));
        for (var seed = 0; seed < 20; seed++)
        {
            var choice = AdSelector.Choose([new CampaignSnapshot(campaign, null)], new AdRequest("top", null, [], null, new HashSet<Guid>()), Now,
                "2026-11-24", new Random(seed));
            Assert.Equal(approved.Id, choice!.Value.Creative.Id);
        }
    }

    private static object Single(Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection);
        return Assert.Single(decision.Events);
    }
}
