using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
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
/// One round trip for an app: the page's parts fetched from the services in parallel. A part whose service is
/// down is null and the page is still 200 — except the article itself, without which there is no article page.
/// </summary>
public static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/api/pages").CacheOutput(Caching.ReaderCachePolicy.Name);
        pages.MapGet("article/{slug}", ArticlePage);
        pages.MapGet("home", HomePage);
        return app;
    }

    private static async Task<IResult> ArticlePage(string slug, HttpRequest http, HttpResponse response, ServiceClient services,
        IOptions<PageOptions> options, IOptions<SiteOptions> site, CancellationToken ct, string? lang = null)
    {
        if (!TryLanguage(lang, out var problem)) return problem!;
        var language = lang?.Trim();
        var langQuery = string.IsNullOrEmpty(language) ? "" : $"lang={Uri.EscapeDataString(language)}";
        var articleAnswer = await services.GetAsync("articles", $"/api/articles/by-slug/{Uri.EscapeDataString(slug)}?{langQuery}", http, ct);
        if (articleAnswer is null)
        {
            return TypedResults.Problem("The articles service is unavailable; try again shortly.", statusCode: 503, title: "Service unavailable");
        }

        if (articleAnswer.Status == HttpStatusCode.MovedPermanently && articleAnswer.Location is { } moved)
        {
            var newSlug = moved.Split('/').Last().Split('?')[0];
            return TypedResults.Redirect($"/api/pages/article/{newSlug}{(langQuery.Length == 0 ? "" : $"?{langQuery}")}", permanent: true);
        }

        if (!articleAnswer.Ok || articleAnswer.Body is not JsonObject article) return Problems.NotFound($"No published article has the slug '{slug}'.");

        var id = (string)article["id"]!;
        // The article came back in the best language it has for this reader; the rest of the page follows it,
        // and the UI strings are asked for in the reader's own tag (fr-MU), which localization falls back from.
        var shown = (string?)article["language"] ?? site.Value.DefaultLanguage;
        if (articleAnswer.ContentLanguage is { Length: > 0 } served) shown = served;
        var wanted = Uri.EscapeDataString(site.Value.Candidates(http, language)[0]);
        var size = options.Value.ListSize;
        var comments = services.GetAsync("comments", $"/api/articles/{id}/comments", http, ct);
        var related = services.GetAsync("articles", $"/api/articles/{id}/related?pageSize={size}&lang={shown}", http, ct);
        var mustRead = services.GetAsync("articles", $"/api/articles/must-read?pageSize={size}&lang={shown}", http, ct);
        var latest = services.GetAsync("articles", $"/api/articles?pageSize={size}&lang={shown}", http, ct);
        var strings = services.GetAsync("localization", $"/api/localization/strings/{wanted}", http, ct);
        var tags = string.Join(',', article["tags"]?.AsArray().Select(t => (string?)t) ?? []);
        var ads = Ads(services, options.Value.ArticleSlots, http, ct,
            $"section={Uri.EscapeDataString((string?)article["section"] ?? "")}&tags={Uri.EscapeDataString(tags)}&lang={shown}&articleId={id}");
        await Task.WhenAll(comments, related, mustRead, latest, strings, ads);

        response.Headers.ContentLanguage = shown;
        response.Headers.CacheControl = "public, max-age=15";
        return TypedResults.Ok(new JsonObject
        {
            ["lang"] = shown,
            ["article"] = article.DeepClone(),
            ["languages"] = Languages(article),
            ["comments"] = Part(await comments),
            ["moreArticles"] = Part(await related),
            ["mustRead"] = Part(await mustRead),
            ["latestArticles"] = Part(await latest),
            ["ads"] = await ads,
            ["strings"] = Part(await strings),
        });
    }

    private static async Task<IResult> HomePage(HttpRequest http, HttpResponse response, ServiceClient services,
        IOptions<PageOptions> options, IOptions<SiteOptions> site, CancellationToken ct, string? lang = null)
    {
        if (!TryLanguage(lang, out var problem)) return problem!;
        var candidates = site.Value.Candidates(http, lang?.Trim());
        var shown = site.Value.SiteLanguageOf(candidates);
        var wanted = Uri.EscapeDataString(candidates[0]);
        var size = options.Value.ListSize;
        var latest = services.GetAsync("articles", $"/api/articles?pageSize={size * 2}&lang={shown}", http, ct);
        var mustRead = services.GetAsync("articles", $"/api/articles/must-read?pageSize={size}&lang={shown}", http, ct);
        var strings = services.GetAsync("localization", $"/api/localization/strings/{wanted}", http, ct);
        var ads = Ads(services, options.Value.HomeSlots, http, ct, $"lang={shown}");
        await Task.WhenAll(latest, mustRead, strings, ads);

        response.Headers.ContentLanguage = shown;
        response.Headers.CacheControl = "public, max-age=15";
        return TypedResults.Ok(new JsonObject
        {
            ["lang"] = shown,
            ["latestArticles"] = Part(await latest),
            ["mustRead"] = Part(await mustRead),
            ["ads"] = await ads,
            ["strings"] = Part(await strings),
        });
    }

    /// <summary>One decision per slot, in order, each excluding the campaigns already on the page.</summary>
    private static async Task<JsonNode?> Ads(ServiceClient services, IReadOnlyList<string> slots, HttpRequest http,
        CancellationToken ct, string context)
    {
        var ads = new JsonObject();
        var shown = new List<string>();
        foreach (var slot in slots)
        {
            var answer = await services.GetAsync("advertising",
                $"/api/ads/decision?slot={Uri.EscapeDataString(slot)}&{context}&exclude={string.Join(',', shown)}", http, ct);
            if (answer is null) return null; // the ad server is down: the whole part is null
            ads[slot] = answer.Ok ? answer.Body?.DeepClone() : null;
            if (answer.Body?["campaignId"] is { } campaign) shown.Add((string)campaign!);
        }

        return ads;
    }

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
}
