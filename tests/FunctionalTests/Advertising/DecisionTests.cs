using System.Net;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Advertising;

/// <summary>Which ad a page gets: priority tiers, exclusion, targeting, no-ads stories, and 204 when nothing fits.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DecisionTests(PlatformFixture platform)
{
    [Fact]
    public async Task Sponsorship_beats_standard_beats_house_and_exclude_moves_down_the_tiers()
    {
        using var admin = platform.Client("admin");
        using var reader = platform.Client();
        var advertiser = await AdDesk.Advertiser(admin);
        var tag = Newsroom.UniqueTag();
        var (house, _) = await AdDesk.Live(admin, AdDesk.Campaign(advertiser, tag, "house"));
        var (standard, _) = await AdDesk.Live(admin, AdDesk.Campaign(advertiser, tag, "standard"));
        var (sponsorship, _) = await AdDesk.Live(admin, AdDesk.Campaign(advertiser, tag, "sponsorship"));

        var first = await (await AdDesk.DecisionFor(reader, $"slot=top&tags={tag}", sponsorship)).ReadObject();
        Assert.Equal("text", (string)first["kind"]!);
        Assert.StartsWith("/api/ads/impressions/", (string)first["impressionUrl"]!);
        Assert.StartsWith("/api/ads/clicks/", (string)first["clickUrl"]!);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(sponsorship, (Guid)(await (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}")).ReadObject())["campaignId"]!);
        }

        var second = await (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}&exclude={sponsorship}")).ReadObject();
        Assert.Equal(standard, (Guid)second["campaignId"]!);
        var third = await (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}&exclude={sponsorship},{standard}")).ReadObject();
        Assert.Equal(house, (Guid)third["campaignId"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}&exclude={sponsorship},{standard},{house}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.GetAsync($"/api/ads/decision?slot=sidebar&tags={tag}&exclude={sponsorship},{standard},{house}")).StatusCode);
    }

    [Fact]
    public async Task Targeting_by_language_and_a_paused_campaign_are_respected()
    {
        using var admin = platform.Client("admin");
        using var reader = platform.Client();
        var advertiser = await AdDesk.Advertiser(admin);
        var tag = Newsroom.UniqueTag();
        var (french, etag) = await AdDesk.Live(admin, AdDesk.Campaign(advertiser, tag, "sponsorship", languages: ["fr"]));

        await AdDesk.DecisionFor(reader, $"slot=top&tags={tag}&lang=fr-MU", french);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}&lang=en")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await AdDesk.Act(admin, french, "pause", etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}&lang=fr")).StatusCode);
    }

    [Fact]
    public async Task A_story_marked_noAds_gets_no_ad_whatever_it_is_tagged()
    {
        using var admin = platform.Client("admin");
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var advertiser = await AdDesk.Advertiser(admin);
        var tag = Newsroom.UniqueTag();
        var (campaign, _) = await AdDesk.Live(admin, AdDesk.Campaign(advertiser, tag, "sponsorship"));
        var story = new
        {
            title = $"Tragedy {tag}", summary = "", body = "<p>A sensitive story.</p>", section = "local", tags = new[] { tag },
            authors = new[] { "Reporter" }, language = "en", noAds = true,
        };
        var (sensitive, _, _) = await Newsroom.Published(editor, story);
        var (ordinary, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Ordinary {tag}", tag));

        await AdDesk.DecisionFor(reader, $"slot=top&articleId={ordinary}", campaign); // context from the article's own events
        await Eventually.Until(() => reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}&articleId={sensitive}"),
            r => r.StatusCode == HttpStatusCode.NoContent, TimeSpan.FromSeconds(20), "no ad on the noAds story");
    }

    [Fact]
    public async Task A_decision_request_with_bad_parameters_is_400()
    {
        using var reader = platform.Client();
        foreach (var query in new[] { "", "slot=footer", "slot=top&exclude=nope", "slot=top&lang=%3Cb%3E", "slot=top&articleId=nope" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"/api/ads/decision?{query}")).StatusCode);
        }
    }
}
