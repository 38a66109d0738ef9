using System.Net;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Freshness;

/// <summary>
/// The reader site keeps an article page's rendering for the next views of the same answer (docs/decisions/0023):
/// a change the gateway already answers with is on the site's very next view of the same address.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SitePageFreshnessTests(PlatformFixture platform)
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_comment_the_gateway_answers_with_is_on_the_next_view_of_a_page_the_site_has_rendered_before()
    {
        using var editor = platform.Client("editor");
        using var moderator = platform.Client("moderator");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, _, published) = await Newsroom.Published(editor, Newsroom.Story($"Harbour works {tag}", tag, "business"));
        var slug = (string)published["slug"]!;
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the thread");

        // Two views of the same answer: the second one is the site's template, filled for this view.
        var first = await reader.GetStringAsync($"/en/{slug}");
        var second = await reader.GetStringAsync($"/en/{slug}");
        Assert.Contains($"Harbour works {tag}", first);
        Assert.Contains($"Harbour works {tag}", second);

        var body = $"First to comment on the harbour {tag}";
        var posted = await reader.PostAsync($"/api/articles/{id}/comments", Api.JsonBody(new
        {
            authorName = "Reader", authorEmail = $"{Guid.NewGuid():N}@example.mu", body,
        }));
        var comment = await posted.ReadObject();
        if ((string)comment["status"]! == "pending")
        {
            Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsync($"/api/comments/{(Guid)comment["id"]!}/approve", null)).StatusCode);
        }

        // The site asks the gateway exactly this; once the gateway answers with the comment, the page has it.
        await Eventually.Until(() => reader.GetStringAsync($"/api/pages/article/{slug}?lang=en"), page => page.Contains(body),
            MessageTimeout, "the comment in the gateway's page answer");
        var after = await reader.GetStringAsync($"/en/{slug}");
        Assert.Contains(body, after);
    }
}
