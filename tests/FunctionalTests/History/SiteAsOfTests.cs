using System.Net;
using System.Text.Json.Nodes;
using NewsPlatform.FunctionalTests.Infrastructure;
using NewsPlatform.Np;
using Spectre.Console;

namespace NewsPlatform.FunctionalTests.History;

/// <summary>The site as it was: the home page's lists at a past moment, folded from the articles history.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SiteAsOfTests(PlatformFixture platform)
{
    [Fact]
    public async Task Home_as_of_a_moment_shows_the_lists_before_and_after_a_publish_a_feature_and_an_unpublish()
    {
        using var editor = platform.Client("editor");
        using var analyst = platform.Client("analyst");
        var tag = Newsroom.UniqueTag();
        var beforePublish = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var (id, etag, _) = await Newsroom.Published(editor, Newsroom.Story($"As it was {tag}", tag));
        var afterPublish = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var featured = await Newsroom.Act(editor, id, "feature", etag);
        Assert.Equal(HttpStatusCode.OK, featured.StatusCode);
        var afterFeature = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var unpublished = await Newsroom.Act(editor, id, "unpublish", featured.Headers.ETag!.Tag, new { reason = "As it was: over" });
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        var afterUnpublish = DateTimeOffset.UtcNow;

        async Task<(bool Latest, bool MustRead)> Shown(DateTimeOffset at, HttpClient client)
        {
            var response = await client.GetAsync($"/api/pages/home?asOf={Uri.EscapeDataString(at.ToOffset(TimeSpan.FromHours(4)).ToString("O"))}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
            var page = await response.ReadObject();
            bool Has(string list) => page[list]!["items"]!.AsArray().Any(a => (Guid)a!["id"]! == id);
            return (Has("latestArticles"), Has("mustRead"));
        }

        Assert.Equal((false, false), await Shown(beforePublish, analyst));
        Assert.Equal((true, false), await Shown(afterPublish, analyst));
        Assert.Equal((true, true), await Shown(afterFeature, editor));
        Assert.Equal((false, false), await Shown(afterUnpublish, analyst));

        // The live page does not mix with a past one: it has the unpublished story in neither list.
        var live = await (await analyst.GetAsync("/api/pages/home")).ReadObject();
        Assert.DoesNotContain(live["latestArticles"]!["items"]!.AsArray(), a => (Guid)a!["id"]! == id);

        // np site prints the same lists.
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 250;
        var exit = await NpApp.Create(console).RunAsync(["site", "--as-of", afterFeature.ToString("O"),
            "--gateway", platform.Gateway.Address.ToString(), "--token", Tokens.For("analyst")]);
        Assert.True(exit == 0, output.ToString());
        var printed = output.ToString();
        Assert.True(printed.Split("Must Read")[1].Contains($"As it was {tag}"), printed);
    }

    [Fact]
    public async Task As_of_is_for_editors_and_analysts_and_a_bad_moment_is_a_400()
    {
        using var anonymous = platform.Client();
        using var translator = platform.Client("translator");
        using var analyst = platform.Client("analyst");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/pages/home?asOf=2026-11-20T20:00:00%2B04:00")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.GetAsync("/api/pages/home?asOf=2026-11-20T20:00:00%2B04:00")).StatusCode);
        foreach (var bad in new[] { "yesterday", "2026-11-20T20:00", "", "2026-13-40T20:00:00Z", "1970-01-01T00:00:00Z" })
        {
            var response = await analyst.GetAsync($"/api/pages/home?asOf={Uri.EscapeDataString(bad)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/api/articles/as-of?at=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/pages/home")).StatusCode);
    }
}
