using System.Net;
using System.Text.Json.Nodes;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>Editorial steps through the gateway that many tests begin with.</summary>
public static class Newsroom
{
    public static async Task<(Guid Id, string ETag)> Draft(HttpClient editor, object? article = null)
    {
        var response = await editor.PostAsync("/api/articles", Api.JsonBody(article ?? Api.SampleArticle()));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Draft failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.ReadObject();
        return ((Guid)body["id"]!, response.Headers.ETag!.Tag);
    }

    /// <summary>POST an action with If-Match and an optional JSON body.</summary>
    public static Task<HttpResponseMessage> Act(HttpClient client, Guid id, string action, string? etag, object? body = null) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{id}/{action}")
        {
            Content = body is null ? null : Api.JsonBody(body),
        }.WithIfMatch(etag));

    public static async Task<(Guid Id, string ETag, JsonObject Body)> Published(HttpClient editor, object? article = null)
    {
        var (id, etag) = await Draft(editor, article);
        var response = await Act(editor, id, "publish", etag, new { at = (DateTimeOffset?)null });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Publish failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (id, response.Headers.ETag!.Tag, await response.ReadObject());
    }

    public static object Story(string title, string tag, string section = "politics", string language = "en", params string[] moreTags) => new
    {
        title,
        summary = $"Summary of {title}.",
        body = $"<p>{title}: the full story.</p>",
        section,
        tags = new[] { tag }.Concat(moreTags).ToArray(),
        authors = new[] { "Test Reporter" },
        language,
        noAds = false,
    };

    public static string UniqueTag() => $"t{Guid.NewGuid():N}"[..12];
}
