using System.Net;
using System.Net.Http.Headers;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Localization;

/// <summary>UI strings and terms: seeded, edited by translators, served with fallback, ETag and 304.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CatalogTests(PlatformFixture platform)
{
    private static HttpRequestMessage Put(string path, string? etag, object body) =>
        new HttpRequestMessage(HttpMethod.Put, path) { Content = Api.JsonBody(body) }.WithIfMatch(etag);

    [Fact]
    public async Task The_seed_page_labels_are_served_in_both_editions_with_ETag_and_304()
    {
        using var reader = platform.Client();
        var english = await reader.GetAsync("/api/localization/strings/en");
        var french = await reader.GetAsync("/api/localization/strings/fr");
        var en = await english.ReadObject();
        var fr = await french.ReadObject();

        foreach (var key in new[] { "dateLineFormat", "downloadTheApp", "readInFrench", "mustRead", "advertisement", "moreArticles",
                     "leaveAReply", "pleaseEnterYourComment", "pleaseEnterYourName", "latestArticles", "postComment", "readIn" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)en[key]), key);
            Assert.False(string.IsNullOrWhiteSpace((string?)fr[key]), key);
        }

        Assert.Equal("Read in French", (string)en["readInFrench"]!);
        Assert.Equal("- Publicité -", (string)fr["advertisement"]!);
        Assert.Equal("fr", Assert.Single(french.Content.Headers.ContentLanguage));
        Assert.True(english.Headers.CacheControl!.Public);

        var again = new HttpRequestMessage(HttpMethod.Get, "/api/localization/strings/fr");
        again.Headers.IfNoneMatch.Add(french.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/api/localization/strings/fr_FR")).StatusCode);
    }

    [Fact]
    public async Task A_translator_edits_a_string_with_If_Match_and_a_regional_catalog_falls_back_key_by_key()
    {
        using var translator = platform.Client("translator");
        using var reader = platform.Client();
        using var editor = platform.Client("editor");
        var key = $"k{Guid.NewGuid():N}"[..16];

        var regional = await reader.GetAsync("/api/localization/strings/fr-MU");
        Assert.Equal("fr", Assert.Single(regional.Content.Headers.ContentLanguage)); // nothing of its own yet
        Assert.Equal("À lire absolument", (string)(await regional.ReadObject())["mustRead"]!);

        var body = new { value = "Lir osi" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.SendAsync(Put($"/api/localization/strings/fr-MU/{key}", null, body))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendAsync(Put($"/api/localization/strings/fr-MU/{key}", null, body))).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await translator.SendAsync(Put($"/api/localization/strings/fr-MU/{key}", null, body))).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await translator.SendAsync(Put($"/api/localization/strings/fr-MU/{key}", "\"41\"", body))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await translator.SendAsync(Put($"/api/localization/strings/fr-MU/{key}", regional.Headers.ETag!.Tag, new { value = "" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await translator.SendAsync(Put("/api/localization/strings/fr-MU/1bad", regional.Headers.ETag!.Tag, body))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await translator.SendAsync(Put($"/api/localization/strings/de/{key}", "\"0\"", body))).StatusCode);

        var saved = await translator.SendAsync(Put($"/api/localization/strings/fr-MU/{key}", regional.Headers.ETag!.Tag, body));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var after = await reader.GetAsync("/api/localization/strings/fr-MU");
        var strings = await after.ReadObject();
        Assert.Equal("Lir osi", (string)strings[key]!);                       // its own key
        Assert.Equal("À lire absolument", (string)strings["mustRead"]!);     // fr for the rest
        Assert.Equal("fr-MU", Assert.Single(after.Content.Headers.ContentLanguage));
        Assert.NotEqual(regional.Headers.ETag, after.Headers.ETag);
        Assert.Null((await (await reader.GetAsync("/api/localization/strings/fr")).ReadObject())[key]);
    }

    [Fact]
    public async Task Sections_and_tags_are_terms_named_per_language_with_fallback_to_the_key()
    {
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        await Newsroom.Published(editor, Newsroom.Story($"Terms {tag}", tag, "sport"));

        var terms = await Eventually.Until(async () => await (await reader.GetAsync("/api/localization/terms/fr")).ReadObject(),
            t => t["tags"]![tag] is not null, TimeSpan.FromSeconds(30), "the tag as a term");
        Assert.Equal("Actualités locales", (string)terms["sections"]!["local"]!);
        Assert.Equal(tag, (string)terms["tags"]![tag]!); // not named yet: the key

        var tasks = await (await translator.GetAsync("/api/localization/tasks?lang=fr&pageSize=1")).ReadObject();
        Assert.True((int)tasks["terms"]!["total"]! >= 1);

        var term = await translator.GetAsync($"/api/localization/terms/fr/tags/{tag}");
        Assert.Equal(HttpStatusCode.OK, term.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await translator.SendAsync(Put($"/api/localization/terms/fr/tags/{tag}", null, new { name = "Étiquette" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await translator.SendAsync(Put($"/api/localization/terms/fr/colours/{tag}", term.Headers.ETag!.Tag, new { name = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await translator.SendAsync(Put($"/api/localization/terms/fr/tags/no-such-{tag}", "\"1\"", new { name = "x" }))).StatusCode);
        var named = await translator.SendAsync(Put($"/api/localization/terms/fr/tags/{tag}", term.Headers.ETag!.Tag, new { name = "Étiquette" }));
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);

        Assert.Equal("Étiquette", (string)(await (await reader.GetAsync("/api/localization/terms/fr-MU")).ReadObject())["tags"]![tag]!);
        Assert.Equal(tag, (string)(await (await reader.GetAsync("/api/localization/terms/en")).ReadObject())["tags"]![tag]!);
        var list = await reader.GetAsync("/api/localization/terms/fr");
        var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/localization/terms/fr");
        conditional.Headers.IfNoneMatch.Add(list.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);
    }
}
