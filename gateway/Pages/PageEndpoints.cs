using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NewsPlatform.Gateway.Weather;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Gateway.Pages;

/// <summary>Page composition options (section <c>Gateway:Pages</c>).</summary>
public sealed class PageOptions
{
    public List<string> ArticleSlots { get; set; } = ["top", "in-article", "sidebar"];
    public List<string> HomeSlots { get; set; } = ["top", "sidebar"];
    public int ListSize { get; set; } = 6;
}

/// <summary>
/// One round trip for an app or the site: the page's parts fetched from the services in parallel. A part whose
/// service is down is null and the page is still 200 — except the article itself, without which there is no
/// article page. The parts every reader gets alike may come from <see cref="SharedPageParts"/>; the ad decisions
/// (with their impression and click tokens) and the weather are added for each page view, so the answer is
/// <c>Cache-Control: private, no-store</c>.
/// </summary>
public static class PageEndpoints
{
    private static readonly string[] ArticleTags = ["articles", "comments", "localization"];
    private static readonly string[] HomeTags = ["articles", "localization"];

    /// <summary>A page waits this long at most for the first weather reading after a start; the weather is not worth more.</summary>
    private static readonly TimeSpan FirstWeatherWait = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/api/pages");
        pages.MapGet("article/{slug}", ArticlePage);
        pages.MapGet("home", HomePage);
        return app;
    }

    private static async Task<IResult> ArticlePage(string slug, HttpRequest http, HttpResponse response, ServiceClient services,
        SharedPageParts shared, WeatherReadings readings, IOptions<WeatherOptions> weather, IOptions<PageOptions> options,
        IOptions<SiteOptions> site, CancellationToken ct, string? lang = null)
    {
        if (!TryLanguage(lang, out var problem)) return problem!;
        var language = lang?.Trim();
        var parts = await shared.GetAsync(http, ct);
        if (parts is null)
        {
            var (composed, other) = await ComposeArticleAsync(slug, language, http, services, options.Value, site.Value, ct);
            if (other is not null) return other;
            parts = composed!;
            if (Complete(parts)) await shared.SetAsync(http, parts, ArticleTags, ct);
        }

        var article = parts["article"]!;
        var shown = (string)parts["lang"]!;
        var tags = string.Join(',', article["tags"]?.AsArray().Select(t => (string?)t) ?? []);
        var ads = Ads(services, options.Value.ArticleSlots, http, ct,
            $"section={Uri.EscapeDataString((string?)article["section"] ?? "")}&tags={Uri.EscapeDataString(tags)}&lang={shown}&articleId={(string?)article["id"]}");
        var current = WeatherEndpoint.ForAsync(readings, weather.Value, weather.Value.DefaultPlace, site.Value.Candidates(http, shown), FirstWeatherWait, ct);
        await Task.WhenAll(ads, current);

        return Page(response, shown, parts, await ads, await current,
            "lang", "article", "languages", "comments", "moreArticles", "mustRead", "latestArticles", "ads", "strings", "terms", "weather");
    }

    /// <summary>The article and the parts every reader of it shares, or what to answer instead (a redirect, 404, 503).</summary>
    private static async Task<(JsonObject? Parts, IResult? Other)> ComposeArticleAsync(string slug, string? language, HttpRequest http,
        ServiceClient services, PageOptions options, SiteOptions site, CancellationToken ct)
    {
        var langQuery = string.IsNullOrEmpty(language) ? "" : $"lang={Uri.EscapeDataString(language)}";
        var articleAnswer = await services.GetAsync("articles", $"/api/articles/by-slug/{Uri.EscapeDataString(slug)}?{langQuery}", http, ct);
        if (articleAnswer is null)
        {
            return (null, TypedResults.Problem("The articles service is unavailable; try again shortly.", statusCode: 503, title: "Service unavailable"));
        }

        if (articleAnswer.Status == HttpStatusCode.MovedPermanently && articleAnswer.Location is { } moved)
        {
            var newSlug = moved.Split('/').Last().Split('?')[0];
            return (null, TypedResults.Redirect($"/api/pages/article/{newSlug}{(langQuery.Length == 0 ? "" : $"?{langQuery}")}", permanent: true));
        }

        if (!articleAnswer.Ok || articleAnswer.Body is not JsonObject article)
        {
            return (null, Problems.NotFound($"No published article has the slug '{slug}'."));
        }

        var id = (string)article["id"]!;
        // The article came back in the best language it has for this reader; the rest of the page follows it,
        // and the UI strings are asked for in the reader's own tag (fr-MU), which localization falls back from.
        var shown = (string?)article["language"] ?? site.DefaultLanguage;
        if (articleAnswer.ContentLanguage is { Length: > 0 } served) shown = served;
        var wanted = Uri.EscapeDataString(site.Candidates(http, language)[0]);
        var size = options.ListSize;
        var comments = services.GetAsync("comments", $"/api/articles/{id}/comments", http, ct);
        var related = services.GetAsync("articles", $"/api/articles/{id}/related?pageSize={size}&lang={shown}", http, ct);
        var mustRead = services.GetAsync("articles", $"/api/articles/must-read?pageSize={size}&lang={shown}", http, ct);
        var latest = services.GetAsync("articles", $"/api/articles?pageSize={size}&lang={shown}", http, ct);
        var strings = services.GetAsync("localization", $"/api/localization/strings/{wanted}", http, ct);
        var terms = services.GetAsync("localization", $"/api/localization/terms/{wanted}", http, ct);
        await Task.WhenAll(comments, related, mustRead, latest, strings, terms);

        return (new JsonObject
        {
            ["lang"] = shown,
            ["article"] = article.DeepClone(),
            ["languages"] = Languages(article),
            ["comments"] = Part(await comments),
            ["moreArticles"] = Part(await related),
            ["mustRead"] = Part(await mustRead),
            ["latestArticles"] = Part(await latest),
            ["strings"] = Part(await strings),
            ["terms"] = Part(await terms),
        }, null);
    }

    private static async Task<IResult> HomePage(HttpRequest http, HttpResponse response, ServiceClient services, SharedPageParts shared,
        WeatherReadings readings, IOptions<WeatherOptions> weather, IOptions<PageOptions> options, IOptions<SiteOptions> site,
        CancellationToken ct, string? lang = null, string? section = null, string? tag = null, string? page = null, string? pageSize = null)
    {
        if (!TryLanguage(lang, out var problem)) return problem!;
        if (!TryPaging(page, pageSize, out var paging, out problem)) return problem!;
        var candidates = site.Value.Candidates(http, lang?.Trim());
        var shown = site.Value.SiteLanguageOf(candidates);
        var filter = (string.IsNullOrWhiteSpace(section) ? "" : $"&section={Uri.EscapeDataString(section.Trim())}")
                     + (string.IsNullOrWhiteSpace(tag) ? "" : $"&tag={Uri.EscapeDataString(tag.Trim())}");
        var adContext = $"lang={shown}"
                        + (string.IsNullOrWhiteSpace(section) ? "" : $"&section={Uri.EscapeDataString(section.Trim())}")
                        + (string.IsNullOrWhiteSpace(tag) ? "" : $"&tags={Uri.EscapeDataString(tag.Trim())}");
        var ads = Ads(services, options.Value.HomeSlots, http, ct, adContext);
        var current = WeatherEndpoint.ForAsync(readings, weather.Value, weather.Value.DefaultPlace, candidates, FirstWeatherWait, ct);

        var parts = await shared.GetAsync(http, ct);
        if (parts is null)
        {
            var wanted = Uri.EscapeDataString(candidates[0]);
            var size = options.Value.ListSize;
            var latest = services.GetAsync("articles",
                $"/api/articles?page={paging.Page}&pageSize={paging.PageSize ?? size * 2}&lang={shown}{filter}", http, ct);
            var mustRead = services.GetAsync("articles", $"/api/articles/must-read?pageSize={size}&lang={shown}", http, ct);
            var strings = services.GetAsync("localization", $"/api/localization/strings/{wanted}", http, ct);
            var terms = services.GetAsync("localization", $"/api/localization/terms/{wanted}", http, ct);
            await Task.WhenAll(latest, mustRead, strings, terms);

            // The articles service is the judge of its own list's parameters: its 400 is this page's 400.
            if ((await latest) is { Status: HttpStatusCode.BadRequest, Body: { } invalid })
            {
                return Results.Json(invalid, statusCode: StatusCodes.Status400BadRequest, contentType: "application/problem+json");
            }

            parts = new JsonObject
            {
                ["lang"] = shown,
                ["latestArticles"] = Part(await latest),
                ["mustRead"] = Part(await mustRead),
                ["strings"] = Part(await strings),
                ["terms"] = Part(await terms),
            };
            if (Complete(parts)) await shared.SetAsync(http, parts, HomeTags, ct);
        }

        await Task.WhenAll(ads, current);
        return Page(response, shown, parts, await ads, await current, "lang", "latestArticles", "mustRead", "ads", "strings", "terms", "weather");
    }

    /// <summary>The page in the contract's order of parts, for this view only.</summary>
    private static IResult Page(HttpResponse response, string shown, JsonObject shared, JsonNode? ads, CurrentWeather? weather,
        params string[] order)
    {
        var page = new JsonObject();
        foreach (var name in order)
        {
            page[name] = name switch
            {
                "ads" => ads,
                "weather" => weather is null ? null : JsonSerializer.SerializeToNode(weather, JsonDefaults.Web),
                _ => shared[name]?.DeepClone(),
            };
        }

        response.Headers.ContentLanguage = shown;
        // It carries this view's ad tokens: no cache, shared or private, may keep it.
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(page);
    }

    /// <summary>Every slot's decision in one call to the ad server, each slot excluding the campaigns of the ones before it.</summary>
    private static async Task<JsonNode?> Ads(ServiceClient services, IReadOnlyList<string> slots, HttpRequest http,
        CancellationToken ct, string context)
    {
        var answer = await services.GetAsync("advertising",
            $"/api/ads/decisions?slots={Uri.EscapeDataString(string.Join(',', slots))}&{context}", http, ct);
        return answer is { Ok: true, Body: JsonObject decisions } ? decisions : null; // the ad server is down: the whole part is null
    }

    /// <summary>Only a page with every shared part is shared: one whose service was down is composed again next time.</summary>
    private static bool Complete(JsonObject parts) => parts.All(p => p.Value is not null);

    private static JsonArray Languages(JsonObject article)
    {
        // A translated article names the original it was translated from; an original is its own.
        var original = article["original"] as JsonObject ?? article;
        var languages = new JsonArray(new JsonObject
        {
            ["lang"] = (string?)original["lang"] ?? (string?)original["language"], ["slug"] = (string?)original["slug"],
            ["title"] = (string?)original["title"], ["original"] = true,
        });
        foreach (var t in article["translations"]?.AsArray() ?? [])
        {
            languages.Add(new JsonObject { ["lang"] = (string?)t!["lang"], ["slug"] = (string?)t["slug"], ["title"] = (string?)t["title"] });
        }

        return languages;
    }

    private static JsonNode? Part(ServiceClient.Answer? answer) => answer is { Ok: true } ? answer.Body?.DeepClone() : null;

    private static bool TryLanguage(string? lang, out IResult? problem)
    {
        problem = string.IsNullOrWhiteSpace(lang) || LanguageNegotiation.IsLanguageTag(lang.Trim())
            ? null
            : Problems.Validation("lang", LanguageNegotiation.InvalidTagMessage("lang"));
        return problem is null;
    }

    /// <summary>The list's paging as CONTRACT.md has it, checked here too so that a bad page is a 400 even with the articles down.</summary>
    private static bool TryPaging(string? page, string? pageSize, out (int Page, int? PageSize) paging, out IResult? problem)
    {
        var errors = new ValidationErrors();
        int? Whole(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
            errors.Add(field, $"{field} is a whole number.");
            return null;
        }

        var (wantedPage, wantedSize) = (Whole("page", page), Whole("pageSize", pageSize));
        paging = (wantedPage ?? 1, wantedSize);
        if (errors.Any)
        {
            problem = Problems.Validation(errors.ToDictionary());
            return false;
        }

        return Paging.TryCreate(wantedPage, wantedSize, out _, out problem);
    }
}
