using System.Net;
using System.Net.Http.Headers;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Articles;

/// <summary>The newsroom routes of CONTRACT.md, through the gateway: create, edit, publish and the lifecycle actions.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ArticleEditingTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_draft_is_created_with_a_folded_slug_clean_tags_and_sanitised_html()
    {
        using var editor = platform.Client("editor");
        var response = await editor.PostAsync("/api/articles", Api.JsonBody(Api.SampleArticle($"Île Maurice : élections {Guid.NewGuid():N}"[..40])));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObject();
        Assert.Equal($"/api/articles/{body["id"]}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.StartsWith("ile-maurice-elections-", (string)body["slug"]!);
        Assert.Equal(["elections", "port-louis"], body["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("draft", (string)body["status"]!);
        Assert.DoesNotContain("<script", (string)body["body"]!);
        Assert.Contains("<p>Port-Louis se prépare.</p>", (string)body["body"]!);
    }

    [Fact]
    public async Task Hostile_html_loses_scripts_handlers_and_javascript_urls_but_keeps_structure()
    {
        using var editor = platform.Client("editor");
        var html = "<h2>Title</h2><p onclick=\"steal()\">Text <a href=\"javascript:alert(1)\">x</a> <a href=\"https://lexpress.mu\">ok</a></p>" +
                   "<ul><li>one</li></ul><blockquote>quote</blockquote><figure><img src=\"https://img.mu/a.jpg\" onerror=\"x()\" alt=\"a\"></figure>" +
                   "<script>document.cookie</script><iframe src=\"https://evil\"></iframe>";
        var (id, _) = await Newsroom.Draft(editor, new { title = "Sanitised", body = html, section = "local", language = "en" });

        var body = (string)(await (await editor.GetAsync($"/api/articles/{id}")).ReadObject())["body"]!;
        Assert.DoesNotContain("script", body);
        Assert.DoesNotContain("onclick", body);
        Assert.DoesNotContain("onerror", body);
        Assert.DoesNotContain("javascript:", body);
        Assert.DoesNotContain("iframe", body);
        foreach (var kept in new[] { "<h2>", "<ul>", "<li>", "<blockquote>", "<figure>", "<img", "href=\"https://lexpress.mu\"" })
        {
            Assert.Contains(kept, body);
        }
    }

    [Fact]
    public async Task The_same_title_twice_gets_a_numbered_slug()
    {
        using var editor = platform.Client("editor");
        var title = $"Budget {Guid.NewGuid():N}"[..20];
        var first = await (await editor.PostAsync("/api/articles", Api.JsonBody(Newsroom.Story(title, "budget")))).ReadObject();
        var second = await (await editor.PostAsync("/api/articles", Api.JsonBody(Newsroom.Story(title, "budget")))).ReadObject();

        Assert.Equal((string)first["slug"]! + "-2", (string)second["slug"]!);
    }

    [Fact]
    public async Task An_Idempotency_Key_replays_the_first_answer_and_creates_nothing_more()
    {
        using var editor = platform.Client("editor");
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Post()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Api.JsonBody(Newsroom.Story("Idempotent", "idem")) };
            request.Headers.Add("Idempotency-Key", key);
            return await editor.SendAsync(request);
        }

        var first = await Post();
        var before = await EventCount();
        var again = await Post();

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((string)(await first.ReadObject())["id"]!, (string)(await again.ReadObject())["id"]!);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task Editing_needs_If_Match_and_answers_the_new_ETag()
    {
        using var editor = platform.Client("editor");
        var (id, etag) = await Newsroom.Draft(editor, Newsroom.Story("Edit me", "edit"));
        var edit = Newsroom.Story("Edited title", "edit");

        var missing = await editor.PutAsync($"/api/articles/{id}", Api.JsonBody(edit));
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);

        var ok = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/articles/{id}") { Content = Api.JsonBody(edit) }.WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"3\"", ok.Headers.ETag!.Tag); // edited + slug followed the title of a never-published draft
        Assert.Equal("edited-title", ((string)(await ok.ReadObject())["slug"]!)[..12]);

        var stale = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/articles/{id}") { Content = Api.JsonBody(edit) }.WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var invalid = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/articles/{id}")
        {
            Content = Api.JsonBody(new { title = new string('x', 201), section = "politics" }),
        }.WithIfMatch(ok.Headers.ETag.Tag));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.ReadObject())["errors"]!.AsObject().ContainsKey("title"));
    }

    [Fact]
    public async Task A_published_edit_is_a_revision_that_keeps_the_slug_unless_asked()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, etag, published) = await Newsroom.Published(editor, Newsroom.Story($"Original {tag}", tag));
        var oldSlug = (string)published["slug"]!;

        var revised = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/articles/{id}")
        {
            Content = Api.JsonBody(Newsroom.Story($"Revised {tag}", tag)),
        }.WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var body = await revised.ReadObject();
        Assert.Equal(oldSlug, (string)body["slug"]!);
        Assert.Equal("published", (string)body["status"]!);

        var history = await (await editor.GetAsync($"/api/articles/{id}/history")).ReadArray();
        Assert.Contains(history, e => (string)e!["type"]! == "article_revised");

        var renamed = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/articles/{id}")
        {
            Content = Api.JsonBody(new { title = $"Renamed {tag}", summary = "s", body = "<p>b</p>", section = "politics", tags = new[] { tag }, updateSlug = true }),
        }.WithIfMatch(revised.Headers.ETag!.Tag));
        var newSlug = (string)(await renamed.ReadObject())["slug"]!;
        Assert.StartsWith("renamed-", newSlug);

        using var noRedirect = platform.Client(followRedirects: false);
        var old = await noRedirect.GetAsync($"/api/articles/by-slug/{oldSlug}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/api/articles/by-slug/{newSlug}", old.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/articles/by-slug/{newSlug}")).StatusCode);
    }

    [Fact]
    public async Task The_lifecycle_actions_do_what_they_say_and_refuse_what_the_state_forbids()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, etag) = await Newsroom.Draft(editor, Newsroom.Story($"Lifecycle {tag}", tag));

        var retractDraft = await Newsroom.Act(editor, id, "retract", etag, new { reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, retractDraft.StatusCode);
        Assert.Contains("draft", (string)(await retractDraft.ReadObject())["detail"]!);

        var featureDraft = await Newsroom.Act(editor, id, "feature", etag);
        Assert.Equal(HttpStatusCode.Conflict, featureDraft.StatusCode);

        etag = (await Newsroom.Act(editor, id, "publish", etag, new { at = (DateTimeOffset?)null })).Headers.ETag!.Tag;
        var featured = await Newsroom.Act(editor, id, "feature", etag);
        Assert.True((bool)(await featured.ReadObject())["featured"]!);
        etag = featured.Headers.ETag!.Tag;

        var mustRead = await (await reader.GetAsync("/api/articles/must-read?pageSize=100")).ReadObject();
        Assert.Contains(mustRead["items"]!.AsArray(), i => (Guid)i!["id"]! == id);

        var corrected = await Newsroom.Act(editor, id, "corrections", etag, new { text = "An earlier version misspelt Rose-Hill." });
        var correction = Assert.Single((await corrected.ReadObject())["corrections"]!.AsArray());
        Assert.Equal("An earlier version misspelt Rose-Hill.", (string)correction!["text"]!);
        etag = corrected.Headers.ETag!.Tag;

        var unfeatured = await Newsroom.Act(editor, id, "unfeature", etag);
        Assert.False((bool)(await unfeatured.ReadObject())["featured"]!);
        etag = unfeatured.Headers.ETag!.Tag;

        var unpublished = await Newsroom.Act(editor, id, "unpublish", etag, new { reason = "Legal review" });
        Assert.Equal("unpublished", (string)(await unpublished.ReadObject())["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/{id}")).StatusCode);
        etag = unpublished.Headers.ETag!.Tag;

        var noReason = await Newsroom.Act(editor, id, "retract", etag, new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var retracted = await Newsroom.Act(editor, id, "retract", etag, new { reason = "The source withdrew." });
        Assert.Equal("retracted", (string)(await retracted.ReadObject())["status"]!);
        etag = retracted.Headers.ETag!.Tag;

        var republish = await Newsroom.Act(editor, id, "publish", etag, new { at = (DateTimeOffset?)null });
        Assert.Equal(HttpStatusCode.Conflict, republish.StatusCode);
        var edit = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/articles/{id}")
        {
            Content = Api.JsonBody(Newsroom.Story("Again", tag)),
        }.WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/{id}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_articles_are_404_and_only_editors_may_act()
    {
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        var unknown = Guid.CreateVersion7();
        Assert.Equal(HttpStatusCode.NotFound, (await Newsroom.Act(editor, unknown, "publish", "\"1\"", new { at = (DateTimeOffset?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/api/articles/{unknown}")).StatusCode);

        var (id, etag) = await Newsroom.Draft(editor);
        foreach (var action in new[] { "publish", "unpublish", "retract", "feature", "unfeature", "corrections" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Newsroom.Act(translator, id, action, etag, new { })).StatusCode);
        }

        using var admin = platform.Client("admin");
        Assert.Equal(HttpStatusCode.OK, (await Newsroom.Act(admin, id, "publish", etag, new { at = (DateTimeOffset?)null })).StatusCode);
    }

    private async Task<long> EventCount()
    {
        var store = platform.Articles.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }
}
