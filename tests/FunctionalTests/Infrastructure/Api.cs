using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>Small helpers for talking JSON to the gateway.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HttpContent JsonBody(object body) => JsonContent.Create(body, options: Json);

    public static HttpContent RawJson(string text) => new StringContent(text, Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ReadObject(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<JsonArray> ReadArray(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

    public static HttpRequestMessage WithIfMatch(this HttpRequestMessage request, string? etag)
    {
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    public static object SampleArticle(string title = "Île Maurice : élections") => new
    {
        title,
        summary = "Les électeurs mauriciens se rendent aux urnes.",
        body = "<p>Port-Louis se prépare.</p><script>alert(1)</script>",
        section = "politics",
        tags = new[] { " Elections ", "elections", "Port-Louis" },
        authors = new[] { "Priya Ramgoolam" },
        language = "fr",
        noAds = false,
    };
}
