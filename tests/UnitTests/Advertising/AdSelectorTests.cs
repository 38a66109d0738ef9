using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Decisions;

namespace NewsPlatform.UnitTests.Advertising;

/// <summary>Eligibility, priority and pacing of the ad decision, with a fixed clock and a seeded random source.</summary>
public sealed class AdSelectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private const string Today = "2026-11-24";
    private static readonly AdRequest TopOfPolitics = new("top", "politics", ["elections"], "fr-MU", new HashSet<Guid>());

    private static CampaignSnapshot Snapshot(CampaignPriority priority = CampaignPriority.Standard, long? goal = null, long? cap = null,
        long impressions = 0, long today = 0, Targeting? targeting = null, CampaignStatus status = CampaignStatus.Active,
        DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null, string slot = "top")
    {
        var campaign = new Campaign(Guid.CreateVersion7(), Guid.CreateVersion7(), "c", priority, startsAt ?? Now.AddDays(-5), endsAt ?? Now.AddDays(5),
            goal, cap, targeting ?? new Targeting([], [], [], []), status, null,
            [new Creative(Guid.CreateVersion7(), slot, CreativeKind.Text, null, null, "Ad", null, null, null, "https://ad.example")],
            Now.AddDays(-6), Now.AddDays(-6), 3);
        return new CampaignSnapshot(campaign, new NewsPlatform.Advertising.Delivery.Delivery(Guid.Empty, campaign.Id, impressions, 0, Today, today, 0));
    }

    private static Guid? Chosen(IEnumerable<CampaignSnapshot> campaigns, AdRequest? request = null, int seed = 7) =>
        AdSelector.Choose(campaigns, request ?? TopOfPolitics, Now, Today, new Random(seed))?.Campaign.Id;

    [Fact]
    public void Sponsorship_beats_standard_beats_house()
    {
        var house = Snapshot(CampaignPriority.House);
        var standard = Snapshot(CampaignPriority.Standard);
        var sponsorship = Snapshot(CampaignPriority.Sponsorship);

        Assert.Equal(sponsorship.Campaign.Id, Chosen([house, standard, sponsorship]));
        Assert.Equal(standard.Campaign.Id, Chosen([house, standard]));
        Assert.Equal(house.Campaign.Id, Chosen([house]));
    }

    [Fact]
    public void Within_a_tier_the_campaign_furthest_behind_an_even_pace_wins()
    {
        // Half the flight has passed: 500 of 1,000 is on pace, 100 of 1,000 is far behind.
        var onPace = Snapshot(goal: 1000, impressions: 500);
        var behind = Snapshot(goal: 1000, impressions: 100);

        for (var seed = 0; seed < 20; seed++) Assert.Equal(behind.Campaign.Id, Chosen([onPace, behind], seed: seed));
        Assert.Equal(0.4, AdSelector.Behind(behind, Now), 6);
    }

    [Fact]
    public void Equals_are_broken_at_random()
    {
        var a = Snapshot();
        var b = Snapshot();

        var picks = Enumerable.Range(0, 40).Select(seed => Chosen([a, b], seed: seed)).ToHashSet();

        Assert.Equal(2, picks.Count);
    }

    [Fact]
    public void A_campaign_is_eligible_only_active_within_its_dates_and_under_its_goal_and_cap()
    {
        Assert.Null(Chosen([Snapshot(status: CampaignStatus.Paused)]));
        Assert.Null(Chosen([Snapshot(startsAt: Now.AddHours(1))]));
        Assert.Null(Chosen([Snapshot(endsAt: Now)]));
        Assert.Null(Chosen([Snapshot(goal: 10, impressions: 10)]));
        Assert.Null(Chosen([Snapshot(cap: 5, today: 5)]));
        Assert.NotNull(Chosen([Snapshot(cap: 5, today: 4)]));
        Assert.Null(Chosen([Snapshot(slot: "sidebar")]));
    }

    [Fact]
    public void Targeting_follows_slot_section_tags_and_language_and_exclude_keeps_a_campaign_off_the_page()
    {
        var french = Snapshot(targeting: new Targeting(["top"], ["politics"], ["elections", "budget"], ["fr"]));
        Assert.Equal(french.Campaign.Id, Chosen([french]));
        Assert.Null(Chosen([french], TopOfPolitics with { Language = "en" }));
        Assert.Null(Chosen([french], TopOfPolitics with { Section = "sport" }));
        Assert.Null(Chosen([french], TopOfPolitics with { Tags = ["weather"] }));
        Assert.Null(Chosen([french], TopOfPolitics with { Exclude = new HashSet<Guid> { french.Campaign.Id } }));

        var regional = Snapshot(targeting: new Targeting([], [], [], ["fr-MU"]));
        Assert.Null(Chosen([regional], TopOfPolitics with { Language = "fr" }));
    }
}
