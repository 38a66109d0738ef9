using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NewsPlatform.BrowserTests.Infrastructure;
using NewsPlatform.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NewsPlatform.BrowserTests;

/// <summary>LEAVE A REPLY, as a reader uses it: with JavaScript (no reload) and without (a real form post and a 303).</summary>
[Collection(SiteCollection.Name)]
public sealed class CommentFormTests(SiteFixture site)
{
    private const string AwaitingModeration = "Your comment is awaiting moderation.";

    /// <summary>A story of its own whose thread holds every comment for a moderator (so the reply shows the moderation message).</summary>
    private async Task<SeededStory> PreModeratedStory()
    {
        using var editor = site.Client("editor");
        using var moderator = site.Client("moderator");
        using var reader = site.Client();
        var tag = Newsroom.UniqueTag();
        var story = await SeededContent.PublishAsync(editor, Newsroom.Story($"Rodrigues kite festival {tag}", tag, "local"));
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{story.Id}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            SeededContent.MessageTimeout, "the thread");
        var settings = await moderator.PutAsync($"/api/articles/{story.Id}/comments/settings", Api.JsonBody(new { mode = "pre" }));
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        return story;
    }

    private static async Task Fill(IPage page, string name, string body)
    {
        var form = page.Locator("form[data-part=reply]");
        await form.Locator("[name=authorName]").FillAsync(name);
        await form.Locator("[name=authorEmail]").FillAsync($"{Guid.NewGuid():N}@example.mu");
        await form.Locator("[name=website]").FillAsync("https://reader.example");
        await form.Locator("[name=body]").FillAsync(body);
    }

    private static Task Submit(IPage page) =>
        page.Locator("form[data-part=reply] [type=submit], form[data-part=reply] button:not([type])").First.ClickAsync();

    private async Task<JsonNode> Held(Guid articleId, string body)
    {
        using var moderator = site.Client("moderator");
        var queue = await Eventually.Until(
            async () => await (await moderator.GetAsync("/api/comments/moderation?status=pending&pageSize=100")).ReadObject(),
            q => q["items"]!.AsArray().Any(c => (Guid)c!["articleId"]! == articleId && (string)c["body"]! == body),
            SeededContent.MessageTimeout, "the comment in the moderation queue");
        return queue["items"]!.AsArray().First(c => (Guid)c!["articleId"]! == articleId && (string)c["body"]! == body)!;
    }

    [Fact]
    public async Task With_JavaScript_the_form_posts_without_a_reload_and_says_the_comment_awaits_moderation()
    {
        var story = await PreModeratedStory();
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.On(page);
        await page.GotoAsync($"/en/{story.Slug}");
        // A marker on the window survives only if the page is not reloaded.
        await page.EvaluateAsync("() => { window.__samePage = true; }");

        await Fill(page, "Anjali", "Posted with JavaScript on.");
        await Submit(page);

        var message = page.Locator("[data-part=reply-message]");
        await Expect(message).ToHaveAttributeAsync("role", "status");
        await Expect(message).ToContainTextAsync(AwaitingModeration);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "the page was not reloaded");
        var held = await Held(story.Id, "Posted with JavaScript on.");
        Assert.Equal("Anjali", (string)held["authorName"]!);
        Assert.Equal("127.0.0.1", (string)held["ip"]!); // the reader's own address, passed on by the site, not the site's
        Assert.Empty(watch.Problems);
    }

    [Fact]
    public async Task Without_JavaScript_the_form_posts_and_comes_back_with_a_303_and_the_message()
    {
        var story = await PreModeratedStory();
        await using var context = await site.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        var statuses = new List<int>();
        page.Response += (_, r) => { if (r.Request.Method == "POST") statuses.Add(r.Status); };
        await page.GotoAsync($"/en/{story.Slug}");

        await Fill(page, "Kevin", "Posted with JavaScript off.");
        await Submit(page);

        await Expect(page.Locator("[data-part=reply-message]")).ToContainTextAsync(AwaitingModeration);
        Assert.StartsWith($"{site.SiteUrl}/en/{story.Slug}", page.Url);
        Assert.Equal([303], statuses);
        await Held(story.Id, "Posted with JavaScript off.");
    }

    [Fact]
    public async Task A_name_with_markup_is_shown_as_text()
    {
        var story = await PreModeratedStory();
        const string name = "Eve <script>window.__injected = 1</script><i id=injected>x</i>";
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/en/{story.Slug}");
        await Fill(page, name, "Markup in my name.");
        await Submit(page);
        await Expect(page.Locator("[data-part=reply-message]")).ToContainTextAsync(AwaitingModeration);

        var held = await Held(story.Id, "Markup in my name.");
        Assert.Equal(name, (string)held["authorName"]!);
        using (var moderator = site.Client("moderator")) await SeededContent.ApproveAsync(moderator, (Guid)held["id"]!);

        var watch = PageWatch.On(page);
        var comments = page.Locator("[data-part=comments]");
        await Eventually.Until(async () =>
            {
                await page.GotoAsync($"/en/{story.Slug}");
                return await comments.InnerTextAsync();
            }, text => text.Contains(name), SeededContent.MessageTimeout, "the approved comment on the page");
        Assert.Equal(0, await comments.Locator("script, #injected").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__injected === 1"));
        Assert.Empty(watch.Problems);
    }
}
