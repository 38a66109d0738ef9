using System.Net;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Contracts;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Localization;

/// <summary>Translations follow their source over RabbitMQ, from publication to retraction, through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TranslationFlowTests(PlatformFixture platform)
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    private static HttpRequestMessage Request(HttpMethod method, string path, string? etag = null, object? body = null) =>
        new HttpRequestMessage(method, path) { Content = body is null ? null : Api.JsonBody(body) }.WithIfMatch(etag);

    /// <summary>A published English story whose translation group has opened.</summary>
    private async Task<(Guid Id, string Slug, string ETag)> PublishedWithGroup(HttpClient editor, HttpClient translator, string tag)
    {
        var (id, etag, published) = await Newsroom.Published(editor, Newsroom.Story($"Budget day {tag}", tag, "business"));
        await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{id}"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the translation group");
        return (id, (string)published["slug"]!, etag);
    }

    [Fact]
    public async Task A_translation_is_drafted_reviewed_published_goes_stale_with_its_source_and_leaves_with_it()
    {
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, slug, _) = await PublishedWithGroup(editor, translator, tag);

        // The group: English source at its version, French untranslated.
        var group = await (await translator.GetAsync($"/api/localization/articles/{id}")).ReadObject();
        Assert.Equal("en", (string)group["source"]!["lang"]!);
        var french = Assert.Single(group["translations"]!.AsArray())!;
        Assert.Equal(("fr", "untranslated"), ((string)french["lang"]!, (string)french["status"]!));
        Assert.Empty((await (await reader.GetAsync($"/api/localization/articles/{id}")).ReadObject())["translations"]!.AsArray());

        // Draft (the first PUT needs no If-Match), then every later step does.
        var saved = await translator.SendAsync(Request(HttpMethod.Put, $"/api/localization/articles/{id}/translations/fr", body: new
        {
            title = $"Journée du budget {tag}", summary = "Le résumé.", body = "<p>Le texte.</p><script>alert(1)</script>",
        }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var draft = await saved.ReadObject();
        Assert.Equal("draft", (string)draft["status"]!);
        Assert.Equal($"journee-du-budget-{tag}", (string)draft["slug"]!);
        Assert.DoesNotContain("<script>", (string)draft["body"]!);
        var etag = saved.Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await translator.SendAsync(Request(HttpMethod.Post,
            $"/api/localization/articles/{id}/translations/fr/submit"))).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await translator.SendAsync(Request(HttpMethod.Post,
            $"/api/localization/articles/{id}/translations/fr/submit", "\"999\""))).StatusCode);
        var submitted = await translator.SendAsync(Request(HttpMethod.Post, $"/api/localization/articles/{id}/translations/fr/submit", etag));
        Assert.Equal("in_review", (string)(await submitted.ReadObject())["status"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.SendAsync(Request(HttpMethod.Post,
            $"/api/localization/articles/{id}/translations/fr/approve", submitted.Headers.ETag!.Tag))).StatusCode);
        var approved = await editor.SendAsync(Request(HttpMethod.Post, $"/api/localization/articles/{id}/translations/fr/approve",
            submitted.Headers.ETag!.Tag));
        Assert.Equal("published", (string)(await approved.ReadObject())["status"]!);

        // The articles service hears TranslationPublished and serves the French text by slug.
        var translated = await Eventually.Until(() => reader.GetAsync($"/api/articles/by-slug/{slug}?lang=fr"),
            r => r.Content.Headers.ContentLanguage.Contains("fr"), MessageTimeout, "the French text on the articles service");
        Assert.Equal($"Journée du budget {tag}", (string)(await translated.ReadObject())["title"]!);
        var publicGroup = await (await reader.GetAsync($"/api/localization/articles/{id}")).ReadObject();
        Assert.Equal("published", (string)Assert.Single(publicGroup["translations"]!.AsArray())!["status"]!);

        // A revision of the title makes it stale, and it stays readable.
        var read = await editor.GetAsync($"/api/articles/{id}"); // the French version joined the article's stream
        var article = await read.ReadObject();
        var revised = await editor.SendAsync(Request(HttpMethod.Put, $"/api/articles/{id}", read.Headers.ETag!.Tag, new
        {
            title = $"Budget day {tag}, revised", summary = (string)article["summary"]!, body = (string)article["body"]!,
            section = "business", tags = new[] { tag }, authors = new[] { "Test Reporter" }, language = "en",
        }));
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var stale = await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{id}/translations/fr"),
            r => r.ReadObject().Result["status"]!.GetValue<string>() == "stale", MessageTimeout, "the translation turning stale");
        var staleBody = await stale.ReadObject();
        Assert.Equal(["title"], staleBody["changedFields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(2, (long)staleBody["staleSince"]!); // translated from version 2, the publication
        Assert.Equal("fr", Assert.Single((await reader.GetAsync($"/api/articles/by-slug/{slug}?lang=fr")).Content.Headers.ContentLanguage));

        // Retracting the source takes the translation off the site.
        var current = await editor.GetAsync($"/api/articles/{id}");
        Assert.Equal(HttpStatusCode.OK, (await Newsroom.Act(editor, id, "retract", current.Headers.ETag!.Tag, new { reason = "wrong figures" })).StatusCode);
        await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{id}/translations/fr"),
            r => r.ReadObject().Result["published"] is null, MessageTimeout, "the translation leaving with its source");
        await Eventually.Until(() => editor.GetAsync($"/api/articles/{id}"),
            r => r.ReadObject().Result["translations"]!.AsArray().Count == 0, MessageTimeout, "the articles service dropping the French version");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/localization/articles/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_change_of_tags_alone_leaves_translations_fresh_and_duplicate_deliveries_change_nothing()
    {
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        var tag = Newsroom.UniqueTag();
        var (id, _, articleETag) = await PublishedWithGroup(editor, translator, tag);
        var saved = await translator.SendAsync(Request(HttpMethod.Put, $"/api/localization/articles/{id}/translations/fr",
            body: new { title = "Jour du budget", summary = "", body = "<p>Texte</p>" }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var article = await (await editor.GetAsync($"/api/articles/{id}")).ReadObject();
        var retagged = await editor.SendAsync(Request(HttpMethod.Put, $"/api/articles/{id}", articleETag, new
        {
            title = (string)article["title"]!, summary = (string)article["summary"]!, body = (string)article["body"]!,
            section = "world", tags = new[] { tag, $"{tag}-extra" }, authors = new[] { "Test Reporter" }, language = "en",
        }));
        Assert.Equal(HttpStatusCode.OK, retagged.StatusCode);
        // The new tag reaching the term catalog shows the revision was consumed; the translation is still a draft.
        await Eventually.Until(() => translator.GetAsync($"/api/localization/terms/fr/tags/{tag}-extra"),
            r => r.StatusCode == HttpStatusCode.OK, MessageTimeout, "the new tag as a term");
        var afterRetag = await (await translator.GetAsync($"/api/localization/articles/{id}/translations/fr")).ReadObject();
        Assert.Equal("draft", (string)afterRetag["status"]!);
        Assert.Equal(3, (long)afterRetag["currentSourceVersion"]!);

        // The same ArticleRevised (text changed) delivered twice marks it stale once; an old ArticlePublished changes nothing.
        var bus = platform.Localization.Services.GetRequiredService<IBus>();
        using var consumed = ConsumedMessages.On(bus);
        var messageId = NewId.NextGuid();
        var oldPublicationId = NewId.NextGuid();
        var revision = new ArticleRevised(id, 4, ["body"], "world", [tag], false);
        await bus.Publish(revision, c => c.MessageId = messageId);
        await bus.Publish(revision, c => c.MessageId = messageId);
        await bus.Publish(new ArticlePublished(id, "old", "Old", "", "world", [tag], "en", DateTimeOffset.UtcNow, 1, false),
            c => c.MessageId = oldPublicationId);
        var stale = await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{id}/translations/fr"),
            r => r.ReadObject().Result["status"]!.GetValue<string>() == "stale", MessageTimeout, "the translation turning stale");
        var versionAfter = stale.Headers.ETag!.Tag;
        // Both deliveries and the old publication have been handled: whatever they were going to do is done.
        await consumed.WaitFor(messageId, 2, MessageTimeout, "both deliveries of the revision");
        await consumed.WaitFor(oldPublicationId, 1, MessageTimeout, "the old publication");
        Assert.Equal((0, 0), (consumed.Faulted(messageId), consumed.Faulted(oldPublicationId)));
        var final = await translator.GetAsync($"/api/localization/articles/{id}/translations/fr");
        Assert.Equal(versionAfter, final.Headers.ETag!.Tag);
        var history = await (await platform.Client("analyst").GetAsync($"/api/localization/events?types=source_revised&limit=100000")).Content.ReadAsStringAsync();
        Assert.Equal(2, history.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => JsonNode.Parse(l)!["streamId"]!.GetValue<Guid>() == id));
    }

    [Fact]
    public async Task A_translation_approved_while_RabbitMQ_is_down_reaches_the_articles_service_once_it_is_back()
    {
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, slug, _) = await PublishedWithGroup(editor, translator, tag);
        var saved = await translator.SendAsync(Request(HttpMethod.Put, $"/api/localization/articles/{id}/translations/fr",
            body: new { title = $"Panne {tag}", summary = "", body = "<p>Texte</p>" }));
        var submitted = await translator.SendAsync(Request(HttpMethod.Post, $"/api/localization/articles/{id}/translations/fr/submit", saved.Headers.ETag!.Tag));

        await TestEnvironment.Broker("stop");
        try
        {
            var approved = await editor.SendAsync(Request(HttpMethod.Post, $"/api/localization/articles/{id}/translations/fr/approve",
                submitted.Headers.ETag!.Tag));
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode); // committed: the event store is the outbox
            Assert.Equal("en", Assert.Single((await reader.GetAsync($"/api/articles/by-slug/{slug}?lang=fr")).Content.Headers.ContentLanguage));
        }
        finally
        {
            await TestEnvironment.Broker("start");
        }

        var translated = await Eventually.Until(() => reader.GetAsync($"/api/articles/by-slug/{slug}?lang=fr"),
            r => r.Content.Headers.ContentLanguage.Contains("fr"), TimeSpan.FromSeconds(120), "the French text after the outage");
        Assert.Equal($"Panne {tag}", (string)(await translated.ReadObject())["title"]!);
    }
}
