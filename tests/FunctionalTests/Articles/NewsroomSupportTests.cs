using System.Net;
using System.Net.Http.Headers;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Articles;

/// <summary>What the newsroom console needs beyond the readers' routes: the desk list of every state, and the preview.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NewsroomSupportTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_desk_lists_drafts_and_published_stories_by_status_section_and_language_to_editors_only()
    {
        using var editor = platform.Client("editor");
        var tag = Newsroom.UniqueTag();
        var (draft, _) = await Newsroom.Draft(editor, Newsroom.Story($"Desk draft {tag}", tag, section: "business", language: "fr"));
        var (published, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Desk live {tag}", tag, section: "business", language: "fr"));

        var drafts = await (await editor.GetAsync($"/api/articles/desk?status=draft&section=business&lang=fr&q={tag}")).ReadObject();
        Assert.Equal([draft], drafts["items"]!.AsArray().Select(i => (Guid)i!["id"]!));
        Assert.Equal("draft", (string)drafts["items"]![0]!["status"]!);
        var live = await (await editor.GetAsync($"/api/articles/desk?status=published&q={tag}")).ReadObject();
        Assert.Equal([published], live["items"]!.AsArray().Select(i => (Guid)i!["id"]!));
        var english = await (await editor.GetAsync($"/api/articles/desk?lang=en&q={tag}")).ReadObject();
        Assert.Equal(0, (int)english["total"]!);

        Assert.Equal(HttpStatusCode.BadRequest, (await editor.GetAsync("/api/articles/desk?status=lost")).StatusCode);
        using var anonymous = platform.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/articles/desk")).StatusCode);
        using var translator = platform.Client("translator");
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.GetAsync("/api/articles/desk")).StatusCode);
    }

    [Fact]
    public async Task The_site_previews_a_draft_for_a_token_that_may_read_it_and_is_a_404_for_anyone_else()
    {
        using var editor = platform.Client("editor");
        var tag = Newsroom.UniqueTag();
        var (draft, _) = await Newsroom.Draft(editor, Newsroom.Story($"Preview draft {tag}", tag));

        var preview = await editor.GetAsync($"/preview/{draft}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains($"Preview draft {tag}", html);
        Assert.Contains("noindex", html);
        Assert.Contains("no-store", preview.Headers.CacheControl?.ToString() ?? "");

        using var anonymous = platform.Client();
        var refused = await anonymous.GetAsync($"/preview/{draft}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain($"Preview draft {tag}", await refused.Content.ReadAsStringAsync());
        using var translator = platform.Client("translator");
        Assert.Equal(HttpStatusCode.NotFound, (await translator.GetAsync($"/preview/{draft}")).StatusCode);
    }
}
