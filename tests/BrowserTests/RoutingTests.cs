using System.Net;
using NewsPlatform.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NewsPlatform.BrowserTests;

/// <summary>The site's doors: the language redirect, robots.txt, real 404 pages, and forms that are refused as they should be.</summary>
[Collection(SiteCollection.Name)]
public sealed class RoutingTests(SiteFixture site)
{
    [Theory]
    [InlineData("fr-MU,fr;q=0.9,en;q=0.5", "/fr/")]
    [InlineData("en-GB,en;q=0.8", "/en/")]
    [InlineData("de-DE,de;q=0.9", "/en/")] // no site language: the default
    public async Task The_root_redirects_by_Accept_Language_and_says_so_in_Vary(string acceptLanguage, string location)
    {
        using var client = site.Client(followRedirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString);
        Assert.Contains("Accept-Language", response.Headers.Vary, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Robots_txt_names_the_sitemap()
    {
        using var client = site.Client();
        using var response = await client.GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"(?im)^Sitemap:\s*https?://\S+/sitemap\.xml\s*$", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_slug_or_language_prefix_is_a_404_page_in_the_language()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        var english = await page.GotoAsync("/en/no-such-story-anywhere");
        Assert.Equal(404, english!.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var englishHeading = await page.Locator("h1").InnerTextAsync();

        var french = await page.GotoAsync("/fr/aucun-article-de-ce-nom");
        Assert.Equal(404, french!.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        var frenchHeading = await page.Locator("h1").InnerTextAsync();
        Assert.NotEqual(englishHeading, frenchHeading); // the heading is in the page's language

        foreach (var path in new[] { $"/xx/{site.Seed.Story.Slug}", "/zz/", $"/en/section/no-such-section" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 404, $"{path} answered {response.Status}");
            await Expect(page.Locator("h1")).ToHaveCountAsync(1);
            Assert.StartsWith("text/html", response.Headers["content-type"]);
        }
    }

    [Fact]
    public async Task A_comment_form_without_its_anti_forgery_token_is_a_400_page()
    {
        using var client = site.Client(followRedirects: false);
        using var response = await client.PostAsync($"/en/{site.Seed.Story.Slug}/comments", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["authorName"] = "Mallory", ["authorEmail"] = "mallory@example.mu", ["body"] = "Forged from elsewhere.",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync());
    }

    /// <summary>A key MVC's jQuery syntax cannot read (an unclosed bracket) was a 500 (a hostile-input run found it).</summary>
    [Theory]
    [InlineData("website[\u200d")]
    [InlineData("[")]
    [InlineData("a]b[c")]
    public async Task A_comment_form_with_a_key_in_no_syntax_is_a_400_page_not_a_500(string key)
    {
        using var client = site.Client(followRedirects: false);
        using var response = await client.PostAsync($"/en/{site.Seed.Story.Slug}/comments", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["authorName"] = "Mallory", ["authorEmail"] = "mallory@example.mu", ["body"] = "Odd keys.", [key] = "1",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_oversized_comment_form_is_a_413()
    {
        using var client = site.Client(followRedirects: false);
        using var response = await client.PostAsync($"/en/{site.Seed.Story.Slug}/comments", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["authorName"] = "Mallory", ["authorEmail"] = "mallory@example.mu", ["body"] = new string('x', 70 * 1024),
        }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_site_is_reached_through_the_gateway_while_the_API_stays_JSON()
    {
        using var client = site.Client();
        using var page = await client.GetAsync($"/en/{site.Seed.Story.Slug}");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal("en", Assert.Single(page.Content.Headers.ContentLanguage));
        using var api = await client.GetAsync($"/api/articles/by-slug/{site.Seed.Story.Slug}");
        Assert.Equal("application/json", api.Content.Headers.ContentType!.MediaType);
    }
}
