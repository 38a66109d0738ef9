using System.Net;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Localization;

/// <summary>The translators' work list and the coverage report; and the translation routes' error answers.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TaskAndStatusTests(PlatformFixture platform)
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Tasks_list_untranslated_and_stale_work_first_oldest_source_first_and_status_counts_coverage()
    {
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        var tag = Newsroom.UniqueTag();
        var (older, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Older {tag}", tag));
        var (newer, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Newer {tag}", tag));
        await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{newer}"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the groups");
        var draft = await translator.PutAsync($"/api/localization/articles/{older}/translations/fr",
            Api.JsonBody(new { title = "Plus ancien", summary = "", body = "<p>x</p>" }));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);

        // Every page of the list: the whole suite's stories are in it, and this test's, being the newest, come last.
        var items = new List<System.Text.Json.Nodes.JsonObject>();
        for (var page = 1; ; page++)
        {
            var tasks = await (await translator.GetAsync($"/api/localization/tasks?lang=fr&pageSize=100&page={page}")).ReadObject();
            var onPage = tasks["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
            items.AddRange(onPage);
            if (onPage.Count < 100) break;
        }

        var mine = items.Where(i => ((string)i["sourceTitle"]!).EndsWith(tag)).ToList();
        Assert.Equal([newer, older], mine.Select(i => (Guid)i["articleId"]!));
        Assert.Equal(["untranslated", "draft"], mine.Select(i => (string)i["status"]!));
        var priorities = items.Select(i => (string)i["status"]! is "untranslated" or "stale" ? 0 : 1).ToList();
        Assert.Equal(priorities.Order(), priorities);

        var drafts = await (await translator.GetAsync("/api/localization/tasks?lang=fr&status=draft&pageSize=100")).ReadObject();
        Assert.All(drafts["items"]!.AsArray(), i => Assert.Equal("draft", (string)i!["status"]!));
        Assert.Equal(HttpStatusCode.BadRequest, (await translator.GetAsync("/api/localization/tasks?status=done")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await translator.GetAsync("/api/localization/tasks?lang=de")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Client("moderator").GetAsync("/api/localization/tasks")).StatusCode);

        var status = await (await translator.GetAsync("/api/localization/status")).ReadArray();
        var fr = status.Single(s => (string)s!["lang"]! == "fr")!;
        Assert.True((int)fr["publishedSources"]! >= 2);
        Assert.True((int)fr["untranslated"]! >= 1);
        Assert.InRange((double)fr["shareTranslated"]!, 0, 1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.Client().GetAsync("/api/localization/status")).StatusCode);
    }

    [Fact]
    public async Task Translation_routes_answer_404_409_400_and_403_as_written()
    {
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Errors {tag}", tag));
        await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{id}"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the group");
        var text = Api.JsonBody(new { title = "Titre", summary = "", body = "<p>x</p>" });

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/localization/articles/{Guid.CreateVersion7()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await translator.PutAsync($"/api/localization/articles/{Guid.CreateVersion7()}/translations/fr", text)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await translator.PutAsync($"/api/localization/articles/{id}/translations/de", text)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await translator.PutAsync($"/api/localization/articles/{id}/translations/en", text)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await translator.PutAsync($"/api/localization/articles/{id}/translations/fr",
            Api.JsonBody(new { title = "", body = "" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PutAsync($"/api/localization/articles/{id}/translations/fr", text)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"/api/localization/articles/{id}/translations/fr")).StatusCode);

        var saved = await translator.PutAsync($"/api/localization/articles/{id}/translations/fr", text);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        // After the first save, a PUT needs If-Match.
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await translator.PutAsync($"/api/localization/articles/{id}/translations/fr", text)).StatusCode);
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/localization/articles/{id}/translations/fr/approve").WithIfMatch(saved.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.SendAsync(approve)).StatusCode); // a draft is not in review
        var unpublish = new HttpRequestMessage(HttpMethod.Post, $"/api/localization/articles/{id}/translations/fr/unpublish").WithIfMatch(saved.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.SendAsync(unpublish)).StatusCode); // nothing published

        var one = await translator.GetAsync($"/api/localization/articles/{id}/translations/fr");
        Assert.Equal(saved.Headers.ETag, one.Headers.ETag);
        Assert.Equal("Titre", (string)(await one.ReadObject())["title"]!);
    }

    [Fact]
    public async Task Translated_slugs_fold_accents_are_unique_within_a_language_and_may_repeat_across_languages()
    {
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        var tag = Newsroom.UniqueTag();
        var (first, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Market one {tag}", tag));
        var (second, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Market two {tag}", tag));
        var (french, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Marché trois {tag}", tag, language: "fr"));
        foreach (var id in new[] { first, second, french })
        {
            await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{id}"), r => r.StatusCode == HttpStatusCode.OK,
                MessageTimeout, "the group");
        }

        async Task<string> SlugOf(Guid id, string lang) => (string)(await (await translator.PutAsync(
            $"/api/localization/articles/{id}/translations/{lang}",
            Api.JsonBody(new { title = $"Marché de Port-Louis {tag}", summary = "", body = "<p>x</p>" }))).ReadObject())["slug"]!;

        Assert.Equal($"marche-de-port-louis-{tag}", await SlugOf(first, "fr"));
        Assert.Equal($"marche-de-port-louis-{tag}-2", await SlugOf(second, "fr"));   // taken in French
        Assert.Equal($"marche-de-port-louis-{tag}", await SlugOf(french, "en"));     // free in English
    }
}
