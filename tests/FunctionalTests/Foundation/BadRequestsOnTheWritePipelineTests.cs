using System.Net;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Foundation;

/// <summary>
/// What the one write pipeline answers to requests no write can honour (docs/decisions/0011): the empty id on every
/// route that takes one, and an Idempotency-Key that another guest, or another request, already used.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BadRequestsOnTheWritePipelineTests(PlatformFixture platform)
{
    private const string Empty = "00000000-0000-0000-0000-000000000000";

    [Fact]
    public async Task The_all_zero_id_is_404_on_every_write_route_and_read_route()
    {
        using var editor = platform.Client("editor");
        using var moderator = platform.Client("moderator");
        using var translator = platform.Client("translator");
        using var admin = platform.Client("admin");
        using var reader = platform.Client();
        var ifMatch = "\"1\"";

        var routes = new (HttpClient Client, HttpMethod Method, string Path, object? Body, string? IfMatch)[]
        {
            (editor, HttpMethod.Put, $"/api/articles/{Empty}", Api.SampleArticle(), ifMatch),
            (editor, HttpMethod.Post, $"/api/articles/{Empty}/publish", new { at = (DateTimeOffset?)null }, ifMatch),
            (editor, HttpMethod.Post, $"/api/articles/{Empty}/unpublish", null, ifMatch),
            (editor, HttpMethod.Post, $"/api/articles/{Empty}/retract", new { reason = "A wrong story." }, ifMatch),
            (editor, HttpMethod.Post, $"/api/articles/{Empty}/feature", null, ifMatch),
            (editor, HttpMethod.Post, $"/api/articles/{Empty}/unfeature", null, ifMatch),
            (editor, HttpMethod.Post, $"/api/articles/{Empty}/corrections", new { text = "A date was wrong." }, ifMatch),
            (reader, HttpMethod.Post, $"/api/articles/{Empty}/comments", new { authorName = "R", authorEmail = "r@example.mu", body = "Hi" }, null),
            (moderator, HttpMethod.Post, $"/api/comments/{Empty}/approve", null, null),
            (moderator, HttpMethod.Post, $"/api/comments/{Empty}/reject", new { reason = "Off topic." }, null),
            (moderator, HttpMethod.Post, $"/api/comments/{Empty}/spam", null, null),
            (reader, HttpMethod.Post, $"/api/comments/{Empty}/flag", new { reason = "spam" }, null),
            (moderator, HttpMethod.Post, $"/api/articles/{Empty}/comments/close", null, null),
            (moderator, HttpMethod.Post, $"/api/articles/{Empty}/comments/reopen", null, null),
            (moderator, HttpMethod.Put, $"/api/articles/{Empty}/comments/settings", new { mode = "pre" }, null),
            (translator, HttpMethod.Put, $"/api/localization/articles/{Empty}/translations/fr", new { title = "T", summary = "S", body = "<p>B</p>" }, ifMatch),
            (translator, HttpMethod.Post, $"/api/localization/articles/{Empty}/translations/fr/submit", null, ifMatch),
            (editor, HttpMethod.Post, $"/api/localization/articles/{Empty}/translations/fr/approve", null, ifMatch),
            (editor, HttpMethod.Post, $"/api/localization/articles/{Empty}/translations/fr/unpublish", null, ifMatch),
            (admin, HttpMethod.Post, $"/api/ads/campaigns/{Empty}/creatives",
                new { slot = "top", kind = "text", text = "Fly", landingUrl = "https://airmauritius.example/" }, null),
            (admin, HttpMethod.Post, $"/api/ads/campaigns/{Empty}/activate", null, ifMatch),
            (admin, HttpMethod.Post, $"/api/ads/campaigns/{Empty}/pause", null, ifMatch),
            (admin, HttpMethod.Post, $"/api/ads/campaigns/{Empty}/resume", null, ifMatch),
            (admin, HttpMethod.Post, $"/api/ads/campaigns/{Empty}/end", null, ifMatch),
            (reader, HttpMethod.Get, $"/api/articles/{Empty}", null, null),
            (reader, HttpMethod.Get, $"/api/articles/{Empty}/comments", null, null),
            (reader, HttpMethod.Get, $"/api/localization/articles/{Empty}", null, null),
            (translator, HttpMethod.Get, $"/api/localization/articles/{Empty}/translations/fr", null, null),
            (admin, HttpMethod.Get, $"/api/ads/campaigns/{Empty}", null, null),
        };

        var wrong = new List<string>();
        foreach (var (client, method, path, body, etag) in routes)
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Api.JsonBody(body) }.WithIfMatch(etag);
            var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.NotFound) wrong.Add($"{method} {path}: {(int)response.StatusCode}");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Two_guests_with_the_same_Idempotency_Key_get_their_own_comments_and_a_new_body_is_422()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (articleId, _, _) = await Newsroom.Published(editor, Newsroom.Story("Keys", Newsroom.UniqueTag()));
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{articleId}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the thread");

        // Straight to the service, as the gateway calls it: X-Forwarded-For names each guest's address.
        using var asGateway = new HttpClient { BaseAddress = platform.Comments.Address };
        var key = $"same-key-{Guid.NewGuid():N}";
        async Task<HttpResponseMessage> Post(string ip, object comment)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{articleId}/comments") { Content = Api.JsonBody(comment) };
            request.Headers.Add("X-Forwarded-For", ip);
            request.Headers.Add("Idempotency-Key", key);
            return await asGateway.SendAsync(request);
        }

        var first = Comment("The first guest's words.");
        var second = Comment("The second guest's words.");
        var a = await Post("203.0.113.21", first);
        var b = await Post("203.0.113.22", second);
        Assert.Equal(HttpStatusCode.Accepted, a.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, b.StatusCode);
        Assert.False(b.Headers.Contains("Idempotent-Replayed"));
        var firstId = (Guid)(await a.ReadObject())["id"]!;
        Assert.NotEqual(firstId, (Guid)(await b.ReadObject())["id"]!);

        // The first guest's retry replays its own answer; the same key for another body is the client's mistake.
        var retry = await Post("203.0.113.21", first);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(firstId, (Guid)(await retry.ReadObject())["id"]!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post("203.0.113.21", Comment("Something else entirely."))).StatusCode);
    }

    private static object Comment(string body) => new { authorName = "Guest", authorEmail = $"{Guid.NewGuid():N}@example.mu", body };
}
