using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

// Seeds the demo content through the gateway, as the newsroom would: stories (create with Idempotency-Key, publish,
// feature, correct), their translations (draft, submit, approve) and a house campaign for the ad slots. Every step
// checks the current state first, so a second run changes nothing.
// Usage: NewsPlatform.Seed <gateway-url> <admin-token>

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: NewsPlatform.Seed <gateway-url> <admin-token>");
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

    // Stories seeded before they had pictures get theirs: an edit of the content as it is, with the picture.
    if (story.Image is { } image && !image.Matches(article["image"]))
    {
        article = await Send(HttpMethod.Put, $"api/articles/{id}", new
        {
            title = (string)article["title"]!, summary = (string)article["summary"]!, body = (string)article["body"]!,
            section = (string)article["section"]!, tags = article["tags"], authors = article["authors"],
            noAds = (bool)article["noAds"]!, image,
        }, etag);
        etag = $"\"{(long)article["version"]!}\"";
    }
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
    if (story.Translation is { } translation) await TranslateAsync(id, translation);
}

await HouseCampaignAsync();
Console.WriteLine($"Demo content: {stories.Count} stories in place, {created} created now.");
return 0;

// The translation group opens when the localization service hears of the publication; then draft, submit, approve.
async Task TranslateAsync(string articleId, Translation translation)
{
    var path = $"api/localization/articles/{articleId}/translations/{translation.Lang}";
    JsonObject? current = null;
    for (var wait = 0; wait < 60 && current is null; wait++)
    {
        current = await TryGet(path);
        if (current is null) await Task.Delay(500);
    }

    if (current is null) throw new InvalidOperationException($"The translation group of {articleId} did not open.");
    var etag = $"\"{(long)current["version"]!}\"";
    if ((string)current["status"]! is "untranslated" or "draft" or "stale")
    {
        current = await Send(HttpMethod.Put, path, new { translation.Title, translation.Summary, translation.Body },
            (string)current["status"]! == "untranslated" ? null : etag);
        etag = $"\"{(long)current["version"]!}\"";
    }

    if ((string)current["status"]! == "draft")
    {
        current = await Send(HttpMethod.Post, $"{path}/submit", null, etag);
        etag = $"\"{(long)current["version"]!}\"";
    }

    if ((string)current["status"]! == "in_review") current = await Send(HttpMethod.Post, $"{path}/approve", null, etag);
    Console.WriteLine($"{translation.Lang,-7}  {current["slug"]} ({current["status"]})");
}

// House campaigns fill the slots when no paying campaign does: one per slot, since a page never shows a campaign twice,
// and one per language, so that a French page advertises in French.
async Task HouseCampaignAsync()
{
    var advertiser = await Send(HttpMethod.Post, "api/ads/advertisers", new { name = "NewsPlatform" }, headers: ("Idempotency-Key", "seed-house-advertiser"));
    var house = new[]
    {
        ("top", "en", "Download the app", "Download The App: the news of Mauritius, in English and in French."),
        ("sidebar", "en", "Newsletter", "Every morning at seven: the day's news in your inbox."),
        ("in-article", "en", "Advertise with us", "Reach readers across Mauritius and Rodrigues: advertise here."),
        ("top", "fr", "Télécharger l'application", "Téléchargez l'application : l'actualité de Maurice, en français et en anglais."),
        ("sidebar", "fr", "Lettre du matin", "Chaque matin à sept heures : l'essentiel de l'actualité dans votre boîte."),
        ("in-article", "fr", "Annoncez chez nous", "Touchez les lecteurs de Maurice et de Rodrigues : annoncez ici."),
    };
    foreach (var (slot, lang, name, text) in house)
    {
        var campaign = await Send(HttpMethod.Post, "api/ads/campaigns", new
        {
            advertiserId = (string)advertiser["id"]!,
            name,
            priority = "house",
            startsAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            endsAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            targeting = new { slots = new[] { slot }, sections = Array.Empty<string>(), tags = Array.Empty<string>(), languages = new[] { lang } },
        }, headers: ("Idempotency-Key", $"seed-house-{slot}-{lang}"));
        var id = (string)campaign["id"]!;
        campaign = await Send(HttpMethod.Get, $"api/ads/campaigns/{id}");
        if (campaign["creatives"]!.AsArray().Count == 0)
        {
            campaign = await Send(HttpMethod.Post, $"api/ads/campaigns/{id}/creatives",
                new { slot, kind = "text", text, landingUrl = "https://newsplatform.example/house" });
        }

        if ((string)campaign["status"]! == "created")
        {
            campaign = await Send(HttpMethod.Post, $"api/ads/campaigns/{id}/activate", null, $"\"{(long)campaign["version"]!}\"");
        }

        Console.WriteLine($"ads      house campaign '{campaign["name"]}' on {slot} ({campaign["status"]})");
    }
}

async Task<JsonObject?> TryGet(string path)
{
    using var response = await http.GetAsync(path);
    return response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
}

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
    string? Correction,
    Translation? Translation,
    Picture? Image)
{
    public object ToDraft() => new { Title, Summary, Body, Section, Tags, Authors, Language, NoAds, Image };
}

/// <summary>A story's picture: a file of <c>web/wwwroot/media</c>, served by the site at <c>/media/</c>.</summary>
internal sealed record Picture(string Url, string Alt, string Credit, int? Width, int? Height)
{
    public bool Matches(JsonNode? image) => image is not null
        && (string?)image["url"] == Url && (string?)image["alt"] == Alt && (string?)image["credit"] == Credit
        && (int?)image["width"] == Width && (int?)image["height"] == Height;
}

internal sealed record Translation(string Lang, string Title, string Summary, string Body);
