using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NewsPlatform.BrowserTests.Infrastructure;
using NewsPlatform.FunctionalTests.Advertising;
using NewsPlatform.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NewsPlatform.BrowserTests;

/// <summary>Ad slots as a reader meets them: an impression once seen, a click through the 302, a token per page view.</summary>
[Collection(SiteCollection.Name)]
public sealed class AdTests(SiteFixture site)
{
    private static async Task<long> Impressions(HttpClient admin, Guid campaign) =>
        (long)(await (await admin.GetAsync($"/api/ads/campaigns/{campaign}/report?granularity=day")).ReadObject())["totals"]!["impressions"]!;

    [Fact]
    public async Task A_slot_scrolled_into_view_counts_exactly_one_impression()
    {
        // A story and a campaign of its own, so no other test's page view can count for it.
        using var editor = site.Client("editor");
        using var admin = site.Client("admin");
        using var reader = site.Client();
        var tag = Newsroom.UniqueTag();
        var paragraphs = Enumerable.Range(1, 8).Select(i =>
            $"<p>Paragraph {i}: {string.Concat(Enumerable.Repeat("The lagoon at Blue Bay keeps its colour all year round. ", 12))}</p>");
        var story = await SeededContent.PublishAsync(editor, new
        {
            title = $"Blue Bay marine park {tag}", summary = "A long read.", body = string.Concat(paragraphs), section = "local",
            tags = new[] { tag }, authors = new[] { "Test Reporter" }, language = "en", noAds = false,
        });
        var advertiser = await AdDesk.Advertiser(admin, "Blue Bay Divers");
        var (campaign, _) = await AdDesk.Live(admin, AdDesk.Campaign(advertiser, tag, "sponsorship", slots: ["in-article"]),
            AdDesk.TextCreative("in-article", site.Advertisers.Url("divers")));
        await AdDesk.DecisionFor(reader, $"slot=in-article&tags={tag}", campaign);

        await using var context = await site.NewContextAsync(width: 1280, height: 700);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/en/{story.Slug}");
        var slot = page.Locator("aside.ad[data-slot=in-article]");
        await Expect(slot).ToHaveAttributeAsync("data-campaign-id", campaign.ToString());
        await Expect(slot).Not.ToBeInViewportAsync(); // it starts below the fold
        await page.WaitForTimeoutAsync(1500);
        Assert.Equal(0, await Impressions(admin, campaign)); // out of view: nothing counted

        await slot.ScrollIntoViewIfNeededAsync();
        await Eventually.Until(() => Impressions(admin, campaign), n => n >= 1, TimeSpan.FromSeconds(20), "the impression");

        // Out of view and back again, and time to send more: still one.
        await page.Mouse.WheelAsync(0, -20000);
        await page.WaitForTimeoutAsync(500);
        await slot.ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(2500);
        Assert.Equal(1, await Impressions(admin, campaign));
    }

    [Fact]
    public async Task An_html_creative_is_shown_in_a_sandboxed_frame_with_the_slots_beacon()
    {
        using var editor = site.Client("editor");
        using var admin = site.Client("admin");
        using var reader = site.Client();
        var tag = Newsroom.UniqueTag();
        var story = await SeededContent.PublishAsync(editor, new
        {
            title = $"Port Louis waterfront {tag}", summary = "Short.", body = "<p>The waterfront reopens.</p>", section = "local",
            tags = new[] { tag }, authors = new[] { "Test Reporter" }, language = "en", noAds = false,
        });
        var advertiser = await AdDesk.Advertiser(admin, "Caudan Shops");
        var (campaign, _) = await AdDesk.Live(admin, AdDesk.Campaign(advertiser, tag, "sponsorship", slots: ["top"]), new
        {
            slot = "top", kind = "html", width = 300, height = 120, landingUrl = site.Advertisers.Url("caudan"),
            html = "<p style=\"color: navy\">Caudan sale <a href=\"" + site.Advertisers.Url("caudan") + "\">Shop now</a></p>",
        });
        await AdDesk.DecisionFor(reader, $"slot=top&tags={tag}", campaign);

        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/en/{story.Slug}");
        var slot = page.Locator("aside.ad[data-slot=top]");
        await Expect(slot).ToHaveAttributeAsync("data-campaign-id", campaign.ToString());
        Assert.StartsWith("/api/ads/impressions/", await slot.GetAttributeAsync("data-impression-url"));
        var frame = slot.Locator("iframe.ad-html");
        await Expect(frame).ToHaveAttributeAsync("sandbox", "allow-popups allow-popups-to-escape-sandbox"); // no scripts, no same origin
        await Expect(frame).ToHaveAttributeAsync("referrerpolicy", "no-referrer");
        Assert.Equal(0, await slot.GetByText("Caudan sale").CountAsync()); // the creative is not part of the page's own document

        var inside = page.FrameLocator("aside.ad[data-slot=top] iframe.ad-html");
        await Expect(inside.Locator("p")).ToContainTextAsync("Caudan sale");
        await Expect(inside.Locator("a")).ToHaveAttributeAsync("target", "_blank");
        var landed = await context.RunAndWaitForPageAsync(() => inside.Locator("a").ClickAsync());
        await Expect(landed.Locator("#landing")).ToContainTextAsync("Advertiser page caudan");
    }

    [Fact]
    public async Task A_click_on_an_ad_lands_on_the_advertisers_page_through_the_302()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var redirects = new List<(string Url, int Status)>();
        context.Response += (_, r) => { if (r.Status is >= 300 and < 400) redirects.Add((r.Url, r.Status)); };
        await page.GotoAsync($"/en/{site.Seed.Story.Slug}");

        var link = page.Locator("aside.ad[data-slot=sidebar] a[href]").First;
        var href = await link.GetAttributeAsync("href");
        Assert.Contains("/api/ads/", href); // the click URL, not the landing page itself
        var target = await link.GetAttributeAsync("target");
        IPage landed = page;
        if (target == "_blank") landed = await context.RunAndWaitForPageAsync(() => link.ClickAsync());
        else await link.ClickAsync();

        await Expect(landed).ToHaveURLAsync(site.Seed.StandardLandingUrl);
        await Expect(landed.Locator("#landing")).ToContainTextAsync("Advertiser page rodrigues");
        Assert.Contains(redirects, r => r.Status == 302 && r.Url.Contains("/api/ads/"));
    }

    [Fact]
    public async Task Two_page_loads_carry_different_tokens()
    {
        await using var context = await site.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        async Task<string[]> Tokens()
        {
            await page.GotoAsync($"/en/{site.Seed.Story.Slug}");
            var slots = page.Locator("aside.ad");
            var impressions = await slots.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.impressionUrl)");
            var clicks = await slots.EvaluateAllAsync<string[]>("els => els.map(e => e.querySelector('a[href]').getAttribute('href'))");
            Assert.Equal(3, impressions.Length);
            return [.. impressions, .. clicks];
        }

        var first = await Tokens();
        var second = await Tokens();
        Assert.Empty(first.Intersect(second));

        // Without JavaScript the <noscript> pixel is a real image, and it asks for the slot's impression URL.
        var pixels = await page.Locator("aside.ad").EvaluateAllAsync<bool[]>(
            "els => els.map(e => { const img = e.querySelector('noscript img'); return !!img && img.getAttribute('src') === e.dataset.impressionUrl; })");
        Assert.Equal([true, true, true], pixels);
    }
}
