using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Delivery;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.UnitTests.Advertising;

/// <summary>The campaign lifecycle and the ledger's rules, given events, with a fixed clock.</summary>
public sealed class CampaignDeciderTests
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static CampaignCreated Created(long? goal = null, long? cap = null, string[]? slots = null) => new(Id, Guid.CreateVersion7(), "Winter fares",
        CampaignPriority.Standard, Now.AddDays(-1), Now.AddDays(9), goal, cap, new Targeting(slots ?? ["top"], [], [], []), "ana", Now.AddDays(-2));

    private static CreativeAdded Creative(string slot = "top") =>
        new(Id, Guid.CreateVersion7(), slot, CreativeKind.Text, null, null, "Fly", null, null, null, "https://fly.example", "ana", Now.AddDays(-2));

    private static Campaign Given(params object[] events) =>
        events.Aggregate((Campaign?)null, (state, e) => Campaign.Transition(state, e)) ?? throw new InvalidOperationException();

    private static T Single<T>(Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection);
        return Assert.IsType<T>(Assert.Single(decision.Events));
    }

    [Fact]
    public void A_campaign_goes_live_only_with_a_creative_and_before_its_end()
    {
        Assert.True(CampaignDecider.Decide(Given(Created()), new ActivateCampaign("ana", Now)).IsRejected);
        Assert.True(CampaignDecider.Decide(Given(Created(), Creative()), new ActivateCampaign("ana", Now.AddDays(10))).IsRejected);
        Single<CampaignActivated>(CampaignDecider.Decide(Given(Created(), Creative()), new ActivateCampaign("ana", Now)));
    }

    [Fact]
    public void Active_and_paused_alternate_and_repeats_change_nothing()
    {
        var active = Given(Created(), Creative(), new CampaignActivated(Id, "ana", Now));
        var paused = Single<CampaignPaused>(CampaignDecider.Decide(active, new PauseCampaign("ana", Now)));
        Assert.Equal(CampaignStatus.Paused, Given(Created(), Creative(), new CampaignActivated(Id, "ana", Now), paused).Status);
        Assert.Empty(CampaignDecider.Decide(active, new ActivateCampaign("ana", Now)).Events);
        Assert.Empty(CampaignDecider.Decide(active, new ResumeCampaign("ana", Now)).Events);

        var pausedState = Given(Created(), Creative(), new CampaignActivated(Id, "ana", Now), paused);
        Single<CampaignResumed>(CampaignDecider.Decide(pausedState, new ResumeCampaign("ana", Now)));
        Assert.True(CampaignDecider.Decide(pausedState, new ActivateCampaign("ana", Now)).IsRejected);
        Assert.Empty(CampaignDecider.Decide(pausedState, new PauseCampaign("ana", Now)).Events);
    }

    [Fact]
    public void An_ended_campaign_stays_ended_and_takes_no_creatives()
    {
        var ended = Given(Created(), Creative(), new CampaignEnded(Id, EndReason.Hand, "ana", Now));

        Assert.Equal((CampaignStatus.Ended, EndReason.Hand), (ended.Status, ended.EndedBy));
        Assert.True(CampaignDecider.Decide(ended, new ResumeCampaign("ana", Now)).IsRejected);
        Assert.True(CampaignDecider.Decide(ended, new AddCreative(ended.Creatives[0], false, "ana", Now)).IsRejected);
        Assert.Empty(CampaignDecider.Decide(ended, new EndCampaign(EndReason.Date, "schedule", Now.AddDays(20))).Events);
        // A second ending (the ledger's, after a hand) does not change why it ended.
        Assert.Equal(EndReason.Hand, Campaign.Transition(ended, new CampaignEnded(Id, EndReason.Goal, "ledger", Now))!.EndedBy);
    }

    [Fact]
    public void The_schedule_ends_a_campaign_only_once_its_end_date_has_passed()
    {
        var active = Given(Created(), Creative(), new CampaignActivated(Id, "ana", Now));

        Assert.Empty(CampaignDecider.Decide(active, new EndCampaign(EndReason.Date, "schedule", Now)).Events);
        Assert.Equal(EndReason.Date, Single<CampaignEnded>(CampaignDecider.Decide(active, new EndCampaign(EndReason.Date, "schedule", Now.AddDays(9)))).Reason);
    }

    [Fact]
    public void A_creative_must_be_for_a_slot_the_campaign_targets() =>
        Assert.True(CampaignDecider.Decide(Given(Created(slots: ["top"])),
            new AddCreative(new Creative(Guid.CreateVersion7(), "sidebar", CreativeKind.Text, null, null, "x", null, null, null, "https://x.example"), false, "ana", Now)).IsRejected);

    [Fact]
    public void The_ledger_counts_until_the_goal_and_no_further()
    {
        var campaign = Guid.CreateVersion7();
        Delivery? delivery = null;
        for (var i = 0; i < 3; i++)
        {
            var counted = Single<ImpressionCounted>(DeliveryDecider.Decide(delivery, new CountImpression(campaign, Guid.Empty, Guid.CreateVersion7(), 3, null, "2026-11-24", Now)));
            Assert.Equal(i == 2, DeliveryDecider.ReachesGoal(delivery, 3));
            delivery = Delivery.Transition(delivery, counted);
        }

        Assert.Equal(3, delivery!.Impressions);
        Assert.True(DeliveryDecider.Decide(delivery, new CountImpression(campaign, Guid.Empty, Guid.CreateVersion7(), 3, null, "2026-11-24", Now)).IsRejected);
    }

    [Fact]
    public void The_daily_cap_counts_per_site_day_and_starts_again_the_next_day()
    {
        var campaign = Guid.CreateVersion7();
        Delivery? delivery = null;
        foreach (var _ in Enumerable.Range(0, 2))
        {
            delivery = Delivery.Transition(delivery, Single<ImpressionCounted>(DeliveryDecider.Decide(delivery,
                new CountImpression(campaign, Guid.Empty, Guid.CreateVersion7(), null, 2, "2026-11-24", Now))));
        }

        Assert.True(DeliveryDecider.Decide(delivery, new CountImpression(campaign, Guid.Empty, Guid.CreateVersion7(), null, 2, "2026-11-24", Now)).IsRejected);
        var nextDay = Single<ImpressionCounted>(DeliveryDecider.Decide(delivery, new CountImpression(campaign, Guid.Empty, Guid.CreateVersion7(), null, 2, "2026-11-25", Now)));
        delivery = Delivery.Transition(delivery, nextDay);
        Assert.Equal((3L, 1L, "2026-11-25"), (delivery!.Impressions, delivery.ImpressionsToday, delivery.Day));
    }
}
