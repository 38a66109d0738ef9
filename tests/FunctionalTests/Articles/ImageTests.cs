using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Articles;

/// <summary>The story's picture through the gateway: accepted, validated, on every read, in the feed, revised.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ImageTests(PlatformFixture platform)
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    private static readonly object Picture = new
    {
        url = "/media/port-louis.jpg", alt = "The harbour of Port Louis at dusk", credit = "NewsPlatform", width = 1200, height = 675,
    };

    private static object StoryWith(string title, string tag, object? image, string language = "en") => new
    {
        title,
        summary = $"Summary of {title}.",
        body = $"<p>{title}: the full story.</p>",
        section = "local",
        tags = new[] { tag },
        authors = new[] { "Test Reporter" },
        language,
        noAds = false,
        image,
    };

    private static void AssertPicture(JsonNode? image)
    {
        Assert.NotNull(image);
        Assert.Equal("/media/port-louis.jpg", (string)image["url"]!);
        Assert.Equal("The harbour of Port Louis at dusk", (string)image["alt"]!);
        Assert.Equal("NewsPlatform", (string)image["credit"]!);
        Assert.Equal(1200, (int)image["width"]!);
        Assert.Equal(675, (int)image["height"]!);
    }

    [Fact]
    public async Task A_picture_is_kept_and_shown_on_every_read_of_the_story()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();

        var drafted = await editor.PostAsync("/api/articles", Api.JsonBody(StoryWith($"Harbour {tag}", tag, Picture)));
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var draft = await drafted.ReadObject();
        AssertPicture(draft["image"]);
        var id = (Guid)draft["id"]!;
        var afterDraft = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        var published = await Newsroom.Act(editor, id, "publish", drafted.Headers.ETag!.Tag, new { at = (DateTimeOffset?)null });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var slug = (string)(await published.ReadObject())["slug"]!;

        AssertPicture((await (await reader.GetAsync($"/api/articles/{id}")).ReadObject())["image"]);
        AssertPicture((await (await reader.GetAsync($"/api/articles/by-slug/{slug}")).ReadObject())["image"]);
        AssertPicture(Assert.Single((await (await reader.GetAsync($"/api/articles?tag={tag}")).ReadObject())["items"]!.AsArray())!["image"]);
        AssertPicture((await (await editor.GetAsync($"/api/articles/{id}?asOf={Uri.EscapeDataString(afterDraft.ToString("O"))}")).ReadObject())["image"]);

        var history = await (await editor.GetAsync($"/api/articles/{id}/history")).ReadArray();
        AssertPicture(history.Single(e => (string)e!["type"]! == "article_drafted")!["data"]!["image"]);

        // A story without a picture says so with null, in full and in lists.
        var (plain, _, plainBody) = await Newsroom.Published(editor, Newsroom.Story($"No picture {tag}", tag));
        Assert.True(plainBody.ContainsKey("image"));
        Assert.Null(plainBody["image"]);
        var card = (await (await reader.GetAsync($"/api/articles?tag={tag}&pageSize=50")).ReadObject())["items"]!.AsArray().Single(i => (Guid)i!["id"]! == plain)!;
        Assert.True(card.AsObject().ContainsKey("image"));
        Assert.Null(card["image"]);
    }

    [Fact]
    public async Task An_absolute_https_picture_without_size_or_credit_is_fine()
    {
        using var editor = platform.Client("editor");
        var tag = Newsroom.UniqueTag();

        var (_, _, body) = await Newsroom.Published(editor, StoryWith($"Remote {tag}", tag,
            new { url = "https://images.example.com/a/b.jpg?w=1200", alt = "A boat" }));

        var image = body["image"]!;
        Assert.Equal("https://images.example.com/a/b.jpg?w=1200", (string)image["url"]!);
        Assert.Equal("", (string)image["credit"]!);
        Assert.Null(image["width"]);
        Assert.Null(image["height"]);
    }

    public static TheoryData<string, string> InvalidPictures() => new()
    {
        { """{"url":"javascript:alert(1)","alt":"x"}""", "image.url" },
        { """{"url":"//evil.example/a.jpg","alt":"x"}""", "image.url" },
        { """{"url":"/media/../appsettings.json","alt":"x"}""", "image.url" },
        { """{"url":"data:image/png;base64,AAAA","alt":"x"}""", "image.url" },
        { """{"url":"https://example.com/a\u0007.jpg","alt":"x"}""", "image.url" },
        { """{"url":"/media/a.jpg"}""", "image.alt" },
        { """{"url":"/media/a.jpg","alt":"  "}""", "image.alt" },
        { """{"alt":"x"}""", "image.url" },
        { $$"""{"url":"/media/a.jpg","alt":"{{new string('a', 301)}}"}""", "image.alt" },
        { $$"""{"url":"/media/a.jpg","alt":"x","credit":"{{new string('c', 201)}}"}""", "image.credit" },
        { """{"url":"/media/a.jpg","alt":"x","width":0}""", "image.width" },
        { """{"url":"/media/a.jpg","alt":"x","height":10001}""", "image.height" },
    };

    [Theory]
    [MemberData(nameof(InvalidPictures))]
    public async Task An_invalid_picture_is_a_400_on_its_field_and_stores_nothing(string image, string field)
    {
        using var editor = platform.Client("editor");
        var tag = Newsroom.UniqueTag();
        var json = $$"""{"title":"Invalid {{tag}}","summary":"","body":"<p>x</p>","section":"local","tags":["{{tag}}"],"authors":[],"language":"en","image":{{image}}}""";

        var drafted = await editor.PostAsync("/api/articles", Api.RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, drafted.StatusCode);
        Assert.Equal("application/problem+json", drafted.Content.Headers.ContentType!.MediaType);
        Assert.True((await drafted.ReadObject())["errors"]!.AsObject().ContainsKey(field), await drafted.Content.ReadAsStringAsync());

        // Nothing was drafted: the title's slug is still free for the next story that asks for it.
        var (_, _, valid) = await Newsroom.Published(editor, Newsroom.Story($"Invalid {tag}", tag));
        Assert.Equal($"invalid-{tag}", (string)valid["slug"]!);

        // An edit with the same picture is refused too, and leaves the story as it was.
        var id = (Guid)valid["id"]!;
        var read = await editor.GetAsync($"/api/articles/{id}");
        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/articles/{id}") { Content = Api.RawJson(json) }.WithIfMatch(read.Headers.ETag!.Tag);
        var edited = await editor.SendAsync(edit);
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.True((await edited.ReadObject())["errors"]!.AsObject().ContainsKey(field));
        var after = await editor.GetAsync($"/api/articles/{id}");
        Assert.Equal(read.Headers.ETag, after.Headers.ETag);
        Assert.Null((await after.ReadObject())["image"]);
    }

    [Fact]
    public async Task The_feed_carries_the_picture_as_media_content_with_an_absolute_url()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, _, _) = await Newsroom.Published(editor, StoryWith($"Feed picture {tag}", tag, Picture));

        var raw = await (await reader.GetAsync($"/feeds/en/latest.rss?{tag}")).Content.ReadAsStringAsync();
        var feed = XDocument.Parse(raw);
        Assert.Equal(1, Regex.Count(raw, "xmlns:media="));

        XNamespace media = "http://search.yahoo.com/mrss/";
        var item = feed.Descendants("item").Single(i => (string?)i.Element("guid") == id.ToString());
        var content = Assert.Single(item.Elements(media + "content"));
        Assert.Equal("media", content.GetPrefixOfNamespace(media)); // declared once for the channel, as feed readers expect
        Assert.Equal("http://localhost:8080/media/port-louis.jpg", (string?)content.Attribute("url"));
        Assert.Equal("image", (string?)content.Attribute("medium"));
        Assert.Equal("1200", (string?)content.Attribute("width"));
        Assert.Equal("675", (string?)content.Attribute("height"));
        Assert.Equal("The harbour of Port Louis at dusk", (string?)content.Element(media + "description"));
        Assert.Equal("NewsPlatform", (string?)content.Element(media + "credit"));

        // A story without a picture has no media:content.
        var (plain, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Feed plain {tag}", tag));
        feed = XDocument.Parse(await (await reader.GetAsync($"/feeds/en/latest.rss?{tag}-plain")).Content.ReadAsStringAsync());
        Assert.Empty(feed.Descendants("item").Single(i => (string?)i.Element("guid") == plain.ToString()).Elements(media + "content"));
    }

    [Fact]
    public async Task A_new_picture_on_a_published_story_is_a_revision_of_the_image_alone_and_leaves_translations_current()
    {
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, _, published) = await Newsroom.Published(editor, StoryWith($"Revised picture {tag}", tag, Picture));
        var slug = (string)published["slug"]!;

        // A published French translation, to see that a picture alone does not make it stale.
        await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{id}"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the translation group");
        var translation = $"/api/localization/articles/{id}/translations/fr";
        var saved = await translator.SendAsync(new HttpRequestMessage(HttpMethod.Put, translation)
        {
            Content = Api.JsonBody(new { title = $"Image révisée {tag}", summary = "Résumé.", body = "<p>Texte.</p>" }),
        });
        var submitted = await translator.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{translation}/submit").WithIfMatch(saved.Headers.ETag!.Tag));
        var approved = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{translation}/approve").WithIfMatch(submitted.Headers.ETag!.Tag));
        Assert.Equal("published", (string)(await approved.ReadObject())["status"]!);
        await Eventually.Until(() => editor.GetAsync($"/api/articles/{id}"),
            r => r.ReadObject().Result["translations"]!.AsArray().Count == 1, MessageTimeout, "the French version on the article");

        var current = await editor.GetAsync($"/api/articles/{id}");
        var article = await current.ReadObject();
        var revised = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/articles/{id}")
        {
            Content = Api.JsonBody(new
            {
                title = (string)article["title"]!, summary = (string)article["summary"]!, body = (string)article["body"]!,
                section = "local", tags = new[] { tag }, authors = new[] { "Test Reporter" }, language = "en",
                image = new { url = "/media/harbour-dawn.jpg", alt = "The harbour at dawn", credit = "NewsPlatform", width = 800, height = 450 },
            }),
        }.WithIfMatch(current.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var after = await revised.ReadObject();
        Assert.Equal("/media/harbour-dawn.jpg", (string)after["image"]!["url"]!);
        Assert.Equal(slug, (string)after["slug"]!);
        var history = await (await editor.GetAsync($"/api/articles/{id}/history")).ReadArray();
        var revision = history.Last(e => (string)e!["type"]! == "article_revised")!["data"]!;
        Assert.Equal(["image"], revision["changedFields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal("The harbour at dawn", (string)revision["image"]!["alt"]!);
        await Eventually.Until(() => reader.GetAsync($"/api/articles/by-slug/{slug}"),
            r => (string?)r.ReadObject().Result["image"]?["url"] == "/media/harbour-dawn.jpg", MessageTimeout, "readers seeing the new picture");

        // The localization service heard of the revision (its source moved on) and kept the translation published.
        var revisedVersion = (long)after["version"]!;
        var group = await Eventually.Until(async () => await (await translator.GetAsync($"/api/localization/articles/{id}")).ReadObject(),
            g => (long)g["source"]!["version"]! >= revisedVersion, MessageTimeout, "the localization service hearing of the revision");
        Assert.Equal("published", (string)Assert.Single(group["translations"]!.AsArray())!["status"]!);
    }
}
