using System.Net;
using NewsPlatform.BrowserTests.Infrastructure;
using NewsPlatform.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NewsPlatform.BrowserTests;

/// <summary>
/// The site when a service behind the gateway is down: a page leaves out the part it could not get and stays 200; only
/// the article store's absence gives the 503 page, with Retry-After. Each service is started again before the test ends.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class OutageTests(SiteFixture site)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_the_comments_service_down_the_article_page_leaves_the_comments_out_and_stays_200()
    {
        var path = $"/en/{site.Seed.Story.Slug}";
        using var reader = site.Client();
        await site.Platform.StopCommentsAsync();
        try
        {
            // The gateway's shared part of the page may still hold the comments for its short cache life: wait it out.
            var page = await Eventually.Until(async () => await (await reader.GetAsync(path)).Content.ReadAsStringAsync(),
                html => !html.Contains(site.Seed.CommentBody, StringComparison.Ordinal), Patience, "the page without the comments");

            await using var context = await site.NewContextAsync();
            var browser = await context.NewPageAsync();
            var response = await browser.GotoAsync(path);
            Assert.Equal((int)HttpStatusCode.OK, response!.Status);
            await Expect(browser.Locator("[data-part=article] h1")).ToContainTextAsync(site.Seed.Story.Title);
            await Expect(browser.Locator("[data-part=must-read]")).ToContainTextAsync(site.Seed.Featured.Title);
            await Expect(browser.Locator("[data-part=latest]")).ToBeVisibleAsync();
            await Expect(browser.GetByText(site.Seed.CommentBody)).ToHaveCountAsync(0);
            Assert.DoesNotContain(site.Seed.ReplyBody, page, StringComparison.Ordinal);
        }
        finally
        {
            site.Platform.StartComments();
        }

        await Eventually.Until(async () => await (await reader.GetAsync(path)).Content.ReadAsStringAsync(),
            html => html.Contains(site.Seed.CommentBody, StringComparison.Ordinal), Patience, "the comments back on the page");
    }

    [Fact]
    public async Task With_the_article_store_down_the_article_page_is_a_503_page_with_Retry_After()
    {
        var path = $"/fr/{site.Seed.Story.FrenchSlug}";
        using var reader = site.Client();
        await site.Platform.StopArticlesAsync();
        try
        {
            using var answer = await Eventually.Until(() => reader.GetAsync(path), r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
                Patience, "the 503 page");
            Assert.NotNull(answer.Headers.RetryAfter);
            Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
            Assert.Equal("fr", Assert.Single(answer.Content.Headers.ContentLanguage));

            await using var context = await site.NewContextAsync();
            var browser = await context.NewPageAsync();
            var response = await browser.GotoAsync(path);
            Assert.Equal((int)HttpStatusCode.ServiceUnavailable, response!.Status);
            await Expect(browser.Locator("html")).ToHaveAttributeAsync("lang", "fr");
            await Expect(browser.Locator("h1")).ToBeVisibleAsync();
        }
        finally
        {
            site.Platform.StartArticles();
        }

        await Eventually.Until(() => reader.GetAsync(path), r => r.StatusCode == HttpStatusCode.OK, Patience, "the article page back");
    }
}
