using System.Text.Json;
using Microsoft.Playwright;
using NewsPlatform.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NewsPlatform.BrowserTests;

/// <summary>The seed page itself: every part in the seed's order, in English and in French, and the way between them.</summary>
[Collection(SiteCollection.Name)]
public sealed class ArticlePageTests(SiteFixture site)
{
    /// <summary>The seed page's parts, in the seed's order (document order: the in-article slot sits inside the story).</summary>
    public static readonly string[] SeedParts =
    [
        "weather", "date", "app", "read-in", "ad-top", "article", "ad-in-article", "ad-sidebar", "must-read", "more-articles",
        "comments", "reply", "latest",
    ];

    private SeededContent Seed => site.Seed;

    private static Task<string[]> PartsInOrder(IPage page) =>
        page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-part]')].map(e => e.dataset.part)");

    private static async Task AssertSeedPartsInOrder(IPage page, PageWatch watch)
    {
        var parts = (await PartsInOrder(page)).Where(SeedParts.Contains).ToArray();
        Assert.True(parts.SequenceEqual(SeedParts),
            $"The page's parts were [{string.Join(", ", parts)}], not [{string.Join(", ", SeedParts)}].{Environment.NewLine}{watch.Explain()}");
    }

    [Fact]
    public async Task The_English_article_page_shows_every_part_of_the_seed_in_order()
    {
        await using var context = await site.NewContextAsync(width: 1280, height: 900);
        var page = await context.NewPageAsync();
        var watch = PageWatch.On(page);
        var response = await page.GotoAsync($"/en/{Seed.Story.Slug}");
        Assert.Equal(200, response!.Status);

        await AssertSeedPartsInOrder(page, watch);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);

        await Expect(page.Locator("[data-part=weather]")).ToContainTextAsync("25.1");
        await Expect(page.Locator("[data-part=weather]")).ToContainTextAsync("Port Louis");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Indian/Mauritius"));
        await Expect(page.Locator("[data-part=date]")).ToContainTextAsync(today.ToString("dddd, MMMM d, yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")));
        await Expect(page.Locator("[data-part=app]")).ToContainTextAsync(SeededContent.AppCampaignText);
        var readIn = page.Locator("[data-part=read-in] a[hreflang=fr]");
        await Expect(readIn).ToHaveTextAsync("Read in French");

        var story = page.Locator("[data-part=article]");
        await Expect(story.Locator("h1")).ToHaveTextAsync(Seed.Story.Title);
        foreach (var author in Seed.Authors) await Expect(story).ToContainTextAsync(author);
        var figure = story.Locator("figure");
        await Expect(figure.Locator("img")).ToHaveAttributeAsync("alt", Seed.ImageAlt);
        await Expect(figure).ToContainTextAsync(Seed.ImageCredit);
        Assert.True(await figure.Locator("img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the picture loaded");
        foreach (var paragraph in Seed.Paragraphs) await Expect(story).ToContainTextAsync(paragraph);
        await Expect(story.Locator($"a[href*='/tag/{Seed.Tag}']").First).ToBeVisibleAsync();
        await Expect(story).ToContainTextAsync(Seed.Correction);

        // The in-article slot comes after the third paragraph of the body and before the fourth.
        var slotAfterThird = await page.EvaluateAsync<bool>(
            """
            ([third, fourth]) => {
              const slot = document.querySelector('[data-part=ad-in-article]');
              const ps = [...document.querySelectorAll('[data-part=article] p')];
              const p3 = ps.find(p => p.textContent.includes(third)), p4 = ps.find(p => p.textContent.includes(fourth));
              return !!slot && !!p3 && !!p4
                && (p3.compareDocumentPosition(slot) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
                && (slot.compareDocumentPosition(p4) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
            }
            """, new[] { Seed.Paragraphs[2], Seed.Paragraphs[3] });
        Assert.True(slotAfterThird, "the in-article slot sits between the third and the fourth paragraph");

        foreach (var slot in new[] { "top", "in-article", "sidebar" })
        {
            var ad = page.Locator($"aside.ad[data-slot={slot}]");
            await Expect(ad).ToHaveCountAsync(1);
            await Expect(ad).ToContainTextAsync("- Advertisement -");
            await Expect(ad).ToHaveAttributeAsync("data-impression-url", new System.Text.RegularExpressions.Regex("."));
        }

        // Never the same campaign twice on one page; the standard campaign on the story's tag wins the sidebar.
        var campaigns = await page.Locator("aside.ad[data-campaign-id]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.campaignId)");
        Assert.Equal(campaigns.Length, campaigns.Distinct().Count());
        await Expect(page.Locator("aside.ad[data-slot=sidebar]")).ToHaveAttributeAsync("data-campaign-id", Seed.StandardCampaignId.ToString());

        await Expect(page.Locator("[data-part=must-read]")).ToContainTextAsync(Seed.Featured.Title);
        await Expect(page.Locator("[data-part=more-articles]")).ToContainTextAsync(Seed.Related.Title);
        // Latest Articles: the newest English stories, whichever test published them (other journeys publish too, and a
        // story scheduled by one may go live meanwhile: any of the three newest will do).
        using (var reader = site.Client())
        {
            using var newest = JsonDocument.Parse(await reader.GetStringAsync("/api/articles?lang=en&pageSize=3"));
            var titles = newest.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
            var latest = await page.Locator("[data-part=latest]").InnerTextAsync();
            Assert.True(titles.Any(latest.Contains), $"Latest Articles shows none of the newest stories ({string.Join(" | ", titles)}): {latest}");
        }

        var comments = page.Locator("[data-part=comments]");
        await Expect(comments).ToContainTextAsync(Seed.CommentBody);
        await Expect(comments).ToContainTextAsync(Seed.ReplyBody);
        Assert.True(await comments.EvaluateAsync<bool>(
            """
            (el, [comment, reply]) => {
              const all = [...el.querySelectorAll('*')];
              const parent = all.filter(e => e.textContent.includes(comment) && e.textContent.includes(reply)).pop();
              return !!parent && parent !== el;   // the reply sits inside its parent's thread
            }
            """, new[] { Seed.CommentBody, Seed.ReplyBody }), "the reply is shown in its parent's thread");
        var form = page.Locator("form[data-part=reply]");
        await Expect(form).ToHaveAttributeAsync("method", "post");
        await Expect(form).ToHaveAttributeAsync("action", $"/en/{Seed.Story.Slug}/comments");
        foreach (var name in new[] { "authorName", "authorEmail", "website", "body", "homepage", "__RequestVerificationToken" })
        {
            await Expect(form.Locator($"[name={name}]")).ToHaveCountAsync(1);
        }

        // The honeypot is there for robots only: out of sight (hidden, or placed off the page), out of the tab order
        // or the accessibility tree.
        Assert.True(await form.Locator("[name=homepage]").EvaluateAsync<bool>(
            """
            el => {
              const style = getComputedStyle(el), box = el.getBoundingClientRect();
              const unseen = style.display === 'none' || style.visibility === 'hidden' || box.right <= 0 || box.bottom <= 0
                || box.width * box.height <= 1 || el.type === 'hidden';
              const unreachable = el.tabIndex < 0 || !!el.closest('[aria-hidden=true]');
              return unseen && unreachable;
            }
            """), "the honeypot field is hidden from people");

        Directory.CreateDirectory(Path.Combine(SiteFixture.RepositoryRoot(), "docs", "images"));
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(SiteFixture.RepositoryRoot(), "docs", "images", "article-page.png"),
            FullPage = true,
        });
        Assert.Empty(watch.Problems);
    }

    [Fact]
    public async Task The_French_article_page_shows_every_part_in_French_and_leads_back_to_English()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.On(page);
        await page.GotoAsync($"/en/{Seed.Story.Slug}");

        await page.Locator("[data-part=read-in] a[hreflang=fr]").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.SiteUrl}/fr/{Seed.Story.FrenchSlug}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await AssertSeedPartsInOrder(page, watch);
        await Expect(page.Locator("[data-part=article] h1")).ToHaveTextAsync(Seed.Story.FrenchTitle!);
        await Expect(page.Locator("[data-part=article]")).ToContainTextAsync("Port-Louis s'est réveillée au son des tambours.");
        await Expect(page.Locator("[data-part=article]")).ToContainTextAsync(Seed.FrenchTagName);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Indian/Mauritius"));
        await Expect(page.Locator("[data-part=date]")).ToContainTextAsync(today.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr")));
        await Expect(page.Locator("aside.ad[data-slot=top]")).ToContainTextAsync("- Publicité -");
        await Expect(page.Locator("[data-part=must-read]")).ToContainTextAsync("À lire absolument");
        await Expect(page.Locator("[data-part=latest]")).ToContainTextAsync("Derniers articles");
        await Expect(page.Locator("[data-part=comments]")).ToContainTextAsync(Seed.CommentBody);

        var back = page.Locator("[data-part=read-in] a[hreflang=en]");
        await Expect(back).ToHaveTextAsync("Lire en anglais");
        await back.ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.SiteUrl}/en/{Seed.Story.Slug}");
        await Expect(page.Locator("[data-part=article] h1")).ToHaveTextAsync(Seed.Story.Title);
        Assert.Empty(watch.Problems);
    }

    [Fact]
    public async Task The_head_carries_canonical_hreflang_OpenGraph_and_a_NewsArticle_in_JSON_LD()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/fr/{Seed.Story.FrenchSlug}");

        var canonical = await page.Locator("head link[rel=canonical]").GetAttributeAsync("href");
        Assert.EndsWith($"/fr/{Seed.Story.FrenchSlug}", canonical);
        Assert.EndsWith($"/en/{Seed.Story.Slug}", await page.Locator("head link[rel=alternate][hreflang=en]").GetAttributeAsync("href"));
        Assert.EndsWith($"/fr/{Seed.Story.FrenchSlug}", await page.Locator("head link[rel=alternate][hreflang=fr]").GetAttributeAsync("href"));
        await Expect(page.Locator("head link[rel=alternate][hreflang=x-default]")).ToHaveCountAsync(1);
        await Expect(page.Locator("head link[rel=icon]")).ToHaveCountAsync(1);
        await Expect(page.Locator("head link[rel=alternate][type='application/rss+xml']").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/feeds/"));
        Assert.StartsWith(Seed.Story.FrenchTitle!, await page.Locator("head meta[property='og:title']").GetAttributeAsync("content"));
        Assert.Equal("article", await page.Locator("head meta[property='og:type']").GetAttributeAsync("content"));
        Assert.EndsWith($"/fr/{Seed.Story.FrenchSlug}", await page.Locator("head meta[property='og:url']").GetAttributeAsync("content"));
        var ogImage = await page.Locator("head meta[property='og:image']").GetAttributeAsync("content");
        Assert.True(Uri.IsWellFormedUriString(ogImage, UriKind.Absolute), $"og:image {ogImage} is an absolute URL");
        Assert.EndsWith(Seed.ImageUrl[Seed.ImageUrl.LastIndexOf('/')..], ogImage);
        await Expect(page.Locator("head meta[name='twitter:card']")).ToHaveCountAsync(1);

        var scripts = await page.Locator("script[type='application/ld+json']").AllTextContentsAsync();
        var article = scripts.Select(s => JsonDocument.Parse(s).RootElement)
            .Single(e => e.TryGetProperty("@type", out var type) && type.GetString() == "NewsArticle");
        Assert.Equal("fr", article.GetProperty("inLanguage").GetString());
        Assert.Equal(Seed.Story.FrenchTitle, article.GetProperty("headline").GetString());
        Assert.True(article.TryGetProperty("datePublished", out _));
        Assert.True(article.TryGetProperty("image", out _));
        Assert.True(article.TryGetProperty("author", out _));
        Assert.True(article.TryGetProperty("publisher", out _));
    }
}
