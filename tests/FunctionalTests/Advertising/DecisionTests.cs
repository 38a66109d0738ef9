using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Advertising.PageContexts;
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
        Assert.Equal("sponsorship", (string)first["priority"]!);
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
        Assert.Equal("house", (string)third["priority"]!); // a page gives the house ad of the top slot its own place
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

    [Fact]
    public async Task A_batch_decision_request_with_bad_parameters_is_400()
    {
        using var reader = platform.Client();
        foreach (var query in new[]
                 {
                     "", "slots=", "slots=footer", "slots=top,footer", "slots=top,top", "slots=top&exclude=nope",
                     "slots=top&lang=%3Cb%3E", "slots=top&articleId=nope",
                 })
        {
            var answer = await reader.GetAsync($"/api/ads/decisions?{query}");
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task A_batch_fills_the_slots_in_order_and_never_shows_a_campaign_twice()
    {
        using var admin = platform.Client("admin");
        using var reader = platform.Client();
        var advertiser = await AdDesk.Advertiser(admin);
        var tag = Newsroom.UniqueTag();
        string[] slots = ["top", "sidebar"];
        var (sponsorship, _) = await CampaignInSlots(admin, advertiser, tag, "sponsorship", slots);
        var (house, _) = await CampaignInSlots(admin, advertiser, tag, "house", slots);

        // Both campaigns would win both slots alone; in one batch the first slot takes the sponsorship and the second
        // gets the next best, whatever the order asked.
        var topFirst = await Eventually.Until(async () => await (await reader.GetAsync($"/api/ads/decisions?slots=top,sidebar&tags={tag}")).ReadObject(),
            d => CampaignOf(d["top"]) == sponsorship && CampaignOf(d["sidebar"]) == house, TimeSpan.FromSeconds(20), "top to the sponsorship, sidebar to the house");
        Assert.Equal("sidebar", (string)topFirst["sidebar"]!["slot"]!);
        Assert.NotEqual((string)topFirst["top"]!["impressionUrl"]!, (string)topFirst["sidebar"]!["impressionUrl"]!);

        var sidebarFirst = await (await reader.GetAsync($"/api/ads/decisions?slots=sidebar,top&tags={tag}")).ReadObject();
        Assert.Equal(sponsorship, CampaignOf(sidebarFirst["sidebar"]));
        Assert.Equal(house, CampaignOf(sidebarFirst["top"]));
        Assert.Equal(["sidebar", "top"], sidebarFirst.Select(p => p.Key));

        // exclude still works for what the page already shows; a slot nothing fits is null, not missing.
        var excluded = await (await reader.GetAsync($"/api/ads/decisions?slots=top,sidebar&tags={tag}&exclude={sponsorship}")).ReadObject();
        Assert.Equal(house, CampaignOf(excluded["top"]));
        Assert.True(excluded.ContainsKey("sidebar"));
        Assert.Null(excluded["sidebar"]);

        var answer = await reader.GetAsync($"/api/ads/decisions?slots=top&tags={tag}");
        Assert.Contains("no-store", answer.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_batch_for_a_story_marked_noAds_is_null_in_every_slot()
    {
        using var admin = platform.Client("admin");
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (tag, campaign) = await SponsorshipInEverySlot(admin);
        var story = new
        {
            title = $"Sensitive {tag}", summary = "", body = "<p>A sensitive story.</p>", section = "local", tags = new[] { tag },
            authors = new[] { "Reporter" }, language = "en", noAds = true,
        };
        var (sensitive, _, _) = await Newsroom.Published(editor, story);
        var (ordinary, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Ordinary {tag}", tag));

        await Eventually.Until(async () => await (await reader.GetAsync($"/api/ads/decisions?slots=top,in-article,sidebar&articleId={ordinary}")).ReadObject(),
            d => CampaignOf(d["top"]) == campaign, TimeSpan.FromSeconds(20), "the ordinary story's context to reach the ad server");
        var none = await Eventually.Until(
            async () => await (await reader.GetAsync($"/api/ads/decisions?slots=top,in-article,sidebar&tags={tag}&articleId={sensitive}")).ReadObject(),
            d => d.All(p => p.Value is null), TimeSpan.FromSeconds(20), "no ad anywhere on the noAds story");
        Assert.Equal(EverySlot, none.Select(p => p.Key));
    }

    [Fact]
    public async Task A_page_context_another_replica_changed_reaches_this_replicas_decisions_within_seconds()
    {
        using var admin = platform.Client("admin");
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (tag, campaign) = await SponsorshipInEverySlot(admin);
        var (story, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Context {tag}", tag));
        var decisions = $"/api/ads/decisions?slots=top,in-article,sidebar&articleId={story}";
        await Eventually.Until(async () => await (await reader.GetAsync(decisions)).ReadObject(),
            d => CampaignOf(d["top"]) == campaign, TimeSpan.FromSeconds(20), "the story's context in the ad server's memory");

        // Committed past this replica's consumer, as another replica's consumer would: only the refresh can tell it.
        var store = platform.Advertising.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            var context = await session.LoadAsync<PageContext>(story);
            session.Events.Append(story, new PageContextRevised(story, context!.Section, context.Tags, NoAds: true, context.SourceVersion + 1));
            await session.SaveChangesAsync();
        }

        await Eventually.Until(async () => await (await reader.GetAsync(decisions)).ReadObject(),
            d => d.All(p => p.Value is null), TimeSpan.FromSeconds(10), "no ad once the story's context says no-ads");
    }

    private static Guid? CampaignOf(System.Text.Json.Nodes.JsonNode? decision) => decision is null ? null : (Guid)decision["campaignId"]!;

    /// <summary>A live campaign targeting the tag with a creative in each of the slots.</summary>
    private static readonly string[] EverySlot = ["top", "in-article", "sidebar"];

    /// <summary>A live sponsorship of a tag of its own with a creative in every article slot.</summary>
    private static async Task<(string Tag, Guid Campaign)> SponsorshipInEverySlot(HttpClient admin)
    {
        var advertiser = await AdDesk.Advertiser(admin);
        var tag = Newsroom.UniqueTag();
        var (campaign, _) = await CampaignInSlots(admin, advertiser, tag, "sponsorship", EverySlot);
        return (tag, campaign);
    }

    private static async Task<(Guid Id, string ETag)> CampaignInSlots(HttpClient admin, Guid advertiser, string tag, string priority, string[] slots)
    {
        var created = await admin.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(advertiser, tag, priority, slots: slots)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (Guid)(await created.ReadObject())["id"]!;
        string? etag = null;
        foreach (var slot in slots)
        {
            var withCreative = await admin.PostAsync($"/api/ads/campaigns/{id}/creatives", Api.JsonBody(AdDesk.TextCreative(slot)));
            Assert.Equal(HttpStatusCode.Created, withCreative.StatusCode);
            etag = withCreative.Headers.ETag!.Tag;
        }

        var activated = await AdDesk.Act(admin, id, "activate", etag);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        return (id, activated.Headers.ETag!.Tag);
    }
}
