using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

// Seeds the demo stories through the gateway, as an editor would: create (Idempotency-Key), publish, feature,
// correct. Every step checks the article's state first, so a second run changes nothing.
// Usage: NewsPlatform.Seed <gateway-url> <editor-token>

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: NewsPlatform.Seed <gateway-url> <editor-token>");
    return 2;
}

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
var stories = JsonSerializer.Deserialize<List<Story>>(
    await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "stories.json")), json)!;
using var http = new HttpClient { BaseAddress = new Uri(args[0].TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args[1]);

var created = 0;
foreach (var story in stories)
{
    var article = await Send(HttpMethod.Post, "api/articles", story.ToDraft(), headers: ("Idempotency-Key", story.Key));
    var id = (string)article["id"]!;
    var replayed = article.ContainsKey("__replayed");
    if (!replayed) created++;
    var etag = $"\"{(long)article["version"]!}\"";

    // The replayed answer is the first one: read the article as it is now before deciding the next steps.
    article = await Send(HttpMethod.Get, $"api/articles/{id}");
    etag = $"\"{(long)article["version"]!}\"";
    if ((string)article["status"]! != "published")
    {
        article = await Send(HttpMethod.Post, $"api/articles/{id}/publish", new { at = (DateTimeOffset?)null }, etag);
        etag = $"\"{(long)article["version"]!}\"";
    }

    if (story.Featured && !(bool)article["featured"]!)
    {
        article = await Send(HttpMethod.Post, $"api/articles/{id}/feature", new { }, etag);
        etag = $"\"{(long)article["version"]!}\"";
    }

    if (story.Correction is not null && article["corrections"]!.AsArray().Count == 0)
    {
        article = await Send(HttpMethod.Post, $"api/articles/{id}/corrections", new { text = story.Correction }, etag);
    }

    Console.WriteLine($"{(replayed ? "exists " : "created")}  {article["slug"]}");
}

Console.WriteLine($"Demo content: {stories.Count} stories in place, {created} created now.");
return 0;

async Task<JsonObject> Send(HttpMethod method, string path, object? body = null, string? ifMatch = null,
    (string Name, string Value)? headers = null)
{
    for (var attempt = 1; ; attempt++)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (headers is { } h) request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException) when (attempt < 5)
        {
            await Task.Delay(TimeSpan.FromSeconds(attempt));
            continue;
        }

        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < 5)
        {
            await Task.Delay(TimeSpan.FromSeconds(attempt));
            continue;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        var answer = JsonNode.Parse(text)!.AsObject();
        if (response.Headers.Contains("Idempotent-Replayed")) answer["__replayed"] = true;
        return answer;
    }
}

internal sealed record Story(
    string Key,
    string Title,
    string Summary,
    string Body,
    string Section,
    string[] Tags,
    string[] Authors,
    string Language,
    bool Featured,
    bool NoAds,
    string? Correction)
{
    public object ToDraft() => new { Title, Summary, Body, Section, Tags, Authors, Language, NoAds };
}
