using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Delivery;

namespace NewsPlatform.UnitTests.Advertising;

/// <summary>A batch of one campaign's impressions and clicks is planned as if each were counted alone, in arrival order.</summary>
public sealed class DeliveryBatchTests
{
    private static readonly Guid CampaignId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private const string Day = "2026-11-30";

    private static Campaign Live(long? goal = null, long? cap = null) =>
        Campaign.Transition(null, new CampaignCreated(CampaignId, Guid.CreateVersion7(), "Winter fares", CampaignPriority.Standard, Now.AddDays(-1),
            Now.AddDays(9), goal, cap, new Targeting(["top"], [], [], []), "ana", Now.AddDays(-2)))! with { Status = CampaignStatus.Active };

    private static AdToken Token(Guid? decision = null) => new(decision ?? Guid.CreateVersion7(), CampaignId, Guid.CreateVersion7(), Now.AddDays(1));

    private static PendingCount Seen(string address = "a", Guid? decision = null) => PendingCount.Impression(Token(decision), address, Now, Day);

    private static PendingCount Clicked(Guid? decision = null) => PendingCount.Click(Token(decision), Now);

    private static readonly HashSet<string> None = [];

    [Fact]
    public void Every_impression_counts_and_spends_its_token_while_the_campaign_has_room()
    {
        var plan = DeliveryBatch.Plan(null, Live(), [Seen("a"), Seen("b"), Seen("c")], None, None, perMinute: 0);

        Assert.Equal(3, plan.Spend.Count);
        Assert.Equal(3, plan.DeliveryEvents.OfType<ImpressionCounted>().Count());
        Assert.Empty(plan.Places);
        Assert.Null(plan.Ended);
    }

    [Fact]
    public void A_token_counts_once_when_it_was_spent_before_or_comes_twice_in_the_batch()
    {
        var twice = Guid.CreateVersion7();
        var before = Seen();
        var plan = DeliveryBatch.Plan(null, Live(), [Seen(decision: twice), before, Seen(decision: twice)],
            new HashSet<string> { DeliveryBatch.SpentKey(before) }, None, perMinute: 0);

        Assert.Equal([$"i:{twice}"], plan.Spend.Select(s => s.Id));
        Assert.Single(plan.DeliveryEvents);
    }

    [Fact]
    public void The_goals_last_place_goes_to_the_first_in_the_batch_and_ends_the_campaign_once()
    {
        var delivery = Delivery.Transition(null, new ImpressionCounted(CampaignId, Guid.Empty, Guid.CreateVersion7(), Day, Now));
        var batch = new[] { Seen("a"), Seen("b"), Seen("c") };

        var plan = DeliveryBatch.Plan(delivery, Live(goal: 2), batch, None, None, perMinute: 0);

        var counted = Assert.Single(plan.DeliveryEvents.OfType<ImpressionCounted>());
        Assert.Equal(batch[0].Ad.DecisionId, counted.DecisionId);
        Assert.Equal(3, plan.Spend.Count); // the refused ones are spent all the same: their answer does not change
        Assert.Equal(EndReason.Goal, plan.Ended?.Reason);
    }

    [Fact]
    public void The_days_cap_refuses_past_it_within_the_batch()
    {
        var plan = DeliveryBatch.Plan(null, Live(cap: 2), [Seen("a"), Seen("b"), Seen("c"), Seen("d")], None, None, perMinute: 0);

        Assert.Equal(2, plan.DeliveryEvents.Count);
        Assert.Null(plan.Ended); // a cap ends the day, not the campaign
    }

    [Fact]
    public void An_address_takes_its_minutes_places_and_the_rest_of_its_impressions_count_nothing()
    {
        var batch = new[] { Seen("a"), Seen("a"), Seen("b"), Seen("a") };
        var takenBefore = new HashSet<string> { ImpressionFromAddress.Places(CampaignId, "b", Now, 2)[0] };

        var plan = DeliveryBatch.Plan(null, Live(), batch, None, takenBefore, perMinute: 2);

        Assert.Equal([batch[0].Ad.DecisionId, batch[1].Ad.DecisionId, batch[2].Ad.DecisionId],
            plan.DeliveryEvents.OfType<ImpressionCounted>().Select(c => c.DecisionId));
        Assert.Equal(3, plan.Places.Count);
        Assert.Equal(4, plan.Spend.Count);
    }

    [Fact]
    public void A_campaign_that_is_gone_spends_the_tokens_and_counts_nothing()
    {
        var plan = DeliveryBatch.Plan(null, null, [Seen(), Seen()], None, None, perMinute: 1);

        Assert.Equal(2, plan.Spend.Count);
        Assert.Empty(plan.DeliveryEvents);
        Assert.Empty(plan.Places);
    }

    [Fact]
    public void An_ended_campaign_is_not_ended_again()
    {
        var plan = DeliveryBatch.Plan(null, Live(goal: 1) with { Status = CampaignStatus.Ended }, [Seen()], None, None, perMinute: 0);

        Assert.Single(plan.DeliveryEvents);
        Assert.Null(plan.Ended);
    }

    [Fact]
    public void A_click_counts_once_takes_no_address_place_and_counts_past_the_goal()
    {
        var decision = Guid.CreateVersion7();
        var goalReached = Delivery.Transition(null, new ImpressionCounted(CampaignId, Guid.Empty, decision, Day, Now));

        var plan = DeliveryBatch.Plan(goalReached, Live(goal: 1), [Clicked(decision), Clicked(decision)], None, None, perMinute: 1);

        Assert.Equal([$"c:{decision}"], plan.Spend.Select(s => s.Id));
        Assert.Equal([typeof(ClickCounted)], plan.DeliveryEvents.Select(e => e.GetType()));
        Assert.Empty(plan.Places);
        Assert.Null(plan.Ended);
    }
}
