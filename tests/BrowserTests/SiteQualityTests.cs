using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NewsPlatform.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NewsPlatform.BrowserTests;

/// <summary>Every kind of page: a clean console, no serious accessibility violation, nothing sideways on a phone.</summary>
[Collection(SiteCollection.Name)]
public sealed class SiteQualityTests(SiteFixture site)
{
    private SeededContent Seed => site.Seed;

    /// <summary>One page of each kind: (path, expected status).</summary>
    public static TheoryData<string, int> EveryKindOfPage => new()
    {
        { "/en/", 200 },
        { "/fr/", 200 },
        { "/en/section/politics", 200 },
        { "/en/tag/{tag}", 200 },
        { "/en/search?q=waterfront", 200 },
        { "/en/{slug}", 200 },
        { "/fr/{frslug}", 200 },
        { "/en/no-such-story-anywhere", 404 },
    };

    private string Path(string template) =>
        template.Replace("{tag}", Seed.Tag).Replace("{slug}", Seed.Story.Slug).Replace("{frslug}", Seed.Story.FrenchSlug);

    [Theory]
    [MemberData(nameof(EveryKindOfPage))]
    public async Task No_page_logs_a_console_error(string template, int status)
    {
        var path = Path(template);
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.On(page, status == 200 ? [] : [$"{site.SiteUrl}{path}"]);

        var response = await page.GotoAsync(path);
        Assert.Equal(status, response!.Status);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await Expect(page.Locator("head link[rel=icon]")).ToHaveCountAsync(1);
        await page.Mouse.WheelAsync(0, 5000); // what runs once slots come into view must be clean too
        await page.WaitForTimeoutAsync(1200);
        Assert.Empty(watch.Problems);
    }

    [Theory]
    [InlineData("/en/")]
    [InlineData("/en/{slug}")]
    [InlineData("/en/search?q=waterfront")]
    public async Task Axe_finds_no_serious_or_critical_violation(string template)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Path(template));

        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => $"{n.Target} ({n.Html})"))}")
            .ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    [Theory]
    [InlineData("/en/")]
    [InlineData("/en/{slug}")]
    [InlineData("/fr/{frslug}")]
    public async Task At_375_pixels_nothing_scrolls_sideways(string template)
    {
        await using var context = await site.NewContextAsync(width: 375, height: 812);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Path(template));
        await page.WaitForLoadStateAsync(LoadState.Load);

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"the page is {scrollWidth} px wide in a {clientWidth} px viewport");
    }

    [Fact]
    public async Task Search_finds_the_story_and_highlights_the_match()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/en/search?q={Uri.EscapeDataString("waterfront")}");

        var result = page.Locator($"a[href='/en/{Seed.Story.Slug}']").First;
        await Expect(result).ToBeVisibleAsync();
        await Expect(page.Locator("mark").First).ToBeVisibleAsync();
        await Expect(page.Locator("input[name=q]").First).ToHaveValueAsync("waterfront");
    }

    [Fact]
    public async Task Home_section_and_tag_pages_list_the_stories()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/en/");
        await Expect(page.Locator("[data-part=must-read]")).ToContainTextAsync(Seed.Featured.Title);
        // The newest story leads the home page; Latest lists the ones after it.
        await Expect(page.Locator("main")).ToContainTextAsync(Seed.Related.Title);

        await page.GotoAsync($"/en/tag/{Seed.Tag}");
        await Expect(page.Locator("main")).ToContainTextAsync(Seed.Story.Title);
        await Expect(page.Locator("main")).ToContainTextAsync(Seed.Related.Title);

        await page.GotoAsync("/en/section/business");
        await Expect(page.Locator("main")).ToContainTextAsync(Seed.Featured.Title);
        await Expect(page.Locator("main")).Not.ToContainTextAsync(Seed.Related.Title);
    }
}
