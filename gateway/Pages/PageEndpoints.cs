using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NewsPlatform.Gateway.Weather;
using NewsPlatform.Platform.Auth;
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
    private static readonly string[] ArticleServices = ["articles", "comments", "localization"];
    private static readonly string[] HomeServices = ["articles", "localization"];

    /// <summary>A page waits this long at most for the first weather reading after a start; the weather is not worth more.</summary>
    private static readonly TimeSpan FirstWeatherWait = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/api/pages").AllowAnonymous();
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
        var reader = new Reader(http.Headers.AcceptLanguage.ToString(), site.Value.Candidates(http, language)[0]);
        var composed = await shared.GetOrComposeAsync(http, ArticleServices,
            () => ComposeArticleAsync(slug, language, reader, services, options.Value, site.Value), ct);
        if (composed.Other is { } other) return other();

        var template = PageTemplate.For(composed.Parts!, ArticleOrder, AdContextOfArticle);
        var ads = Ads(services, options.Value.ArticleSlots, reader, ct, template.AdContext!);
        var current = WeatherEndpoint.ForAsync(readings, weather.Value, weather.Value.DefaultPlace, site.Value.Candidates(http, template.Shown),
            FirstWeatherWait, ct);
        await Task.WhenAll(ads, current);
        return Page(response, template.Shown, template.Render(await ads, await current));
    }

    private static readonly string[] ArticleOrder =
        ["lang", "article", "languages", "comments", "moreArticles", "mustRead", "latestArticles", PageTemplate.Ads, "strings", "terms", PageTemplate.Weather];

    private static readonly string[] HomeOrder = ["lang", "latestArticles", "mustRead", PageTemplate.Ads, "strings", "terms", PageTemplate.Weather];

    private static readonly string[] AsOfOrder =
        ["asOf", "lang", "latestArticles", "mustRead", PageTemplate.Ads, "strings", "terms", PageTemplate.Weather];

    /// <summary>What the ad server is told of an article page: its section, tags, language and id (targeting and exclusions).</summary>
    private static string AdContextOfArticle(JsonElement parts)
    {
        var article = parts.GetProperty("article");
        var shown = parts.GetProperty("lang").GetString();
        var tags = article.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array
            ? string.Join(',', list.EnumerateArray().Select(t => t.GetString()))
            : "";
        var section = article.TryGetProperty("section", out var named) ? named.GetString() : null;
        return $"section={Uri.EscapeDataString(section ?? "")}&tags={Uri.EscapeDataString(tags)}&lang={shown}&articleId={article.GetProperty("id").GetString()}";
    }

    /// <summary>What composing a page may use of its first reader's request: nothing that ends with that request.</summary>
    private sealed record Reader(string? AcceptLanguage, string WantedLanguage);

    /// <summary>The article and the parts every reader of it shares, or what to answer instead (a redirect, 404, 503).</summary>
    private static async Task<SharedPageParts.Composition> ComposeArticleAsync(string slug, string? language, Reader reader,
        ServiceClient services, PageOptions options, SiteOptions site)
    {
        var ct = CancellationToken.None; // every call has the page client's timeout; the composition may serve many readers
        var langQuery = string.IsNullOrEmpty(language) ? "" : $"lang={Uri.EscapeDataString(language)}";
        var articleAnswer = await services.GetAsync("articles", $"/api/articles/by-slug/{Uri.EscapeDataString(slug)}?{langQuery}", reader.AcceptLanguage, ct);
        if (articleAnswer is null)
        {
            return new(null, () => TypedResults.Problem("The articles service is unavailable; try again shortly.", statusCode: 503, title: "Service unavailable"));
        }

        if (articleAnswer.Status == HttpStatusCode.MovedPermanently && articleAnswer.Location is { } moved)
        {
            var newSlug = moved.Split('/').Last().Split('?')[0];
            return new(null, () => TypedResults.Redirect($"/api/pages/article/{newSlug}{(langQuery.Length == 0 ? "" : $"?{langQuery}")}", permanent: true));
        }

        if (!articleAnswer.Ok || articleAnswer.Body is not JsonObject article)
        {
            return new(null, () => Problems.NotFound($"No published article has the slug '{slug}'."));
        }

        var id = (string)article["id"]!;
        // The article came back in the best language it has for this reader; the rest of the page follows it,
        // and the UI strings are asked for in the reader's own tag (fr-MU), which localization falls back from.
        var shown = (string?)article["language"] ?? site.DefaultLanguage;
        if (articleAnswer.ContentLanguage is { Length: > 0 } served) shown = served;
        var wanted = Uri.EscapeDataString(reader.WantedLanguage);
        var size = options.ListSize;
        var comments = services.GetAsync("comments", $"/api/articles/{id}/comments", reader.AcceptLanguage, ct);
        var related = services.GetAsync("articles", $"/api/articles/{id}/related?pageSize={size}&lang={shown}", reader.AcceptLanguage, ct);
        var mustRead = services.GetAsync("articles", $"/api/articles/must-read?pageSize={size}&lang={shown}", reader.AcceptLanguage, ct);
        var latest = services.GetAsync("articles", $"/api/articles?pageSize={size}&lang={shown}", reader.AcceptLanguage, ct);
        var strings = services.GetAsync("localization", $"/api/localization/strings/{wanted}", reader.AcceptLanguage, ct);
        var terms = services.GetAsync("localization", $"/api/localization/terms/{wanted}", reader.AcceptLanguage, ct);
        await Task.WhenAll(comments, related, mustRead, latest, strings, terms);

        return SharedPageParts.Composition.Of(new JsonObject
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
        });
    }

    private static async Task<IResult> HomePage(HttpRequest http, HttpResponse response, ServiceClient services, SharedPageParts shared,
        WeatherReadings readings, IOptions<WeatherOptions> weather, IOptions<PageOptions> options, IOptions<SiteOptions> site,
        CancellationToken ct, string? lang = null, string? section = null, string? tag = null, string? page = null, string? pageSize = null,
        string? asOf = null)
    {
        if (asOf is not null) return await HomePageAsOf(http, response, services, options.Value, site.Value, asOf, lang, ct);
        if (!TryLanguage(lang, out var problem)) return problem!;
        if (!TryPaging(page, pageSize, out var paging, out problem)) return problem!;
        var candidates = site.Value.Candidates(http, lang?.Trim());
        var shown = site.Value.SiteLanguageOf(candidates);
        var reader = new Reader(http.Headers.AcceptLanguage.ToString(), candidates[0]);
        var filter = (string.IsNullOrWhiteSpace(section) ? "" : $"&section={Uri.EscapeDataString(section.Trim())}")
                     + (string.IsNullOrWhiteSpace(tag) ? "" : $"&tag={Uri.EscapeDataString(tag.Trim())}");
        var adContext = $"lang={shown}"
                        + (string.IsNullOrWhiteSpace(section) ? "" : $"&section={Uri.EscapeDataString(section.Trim())}")
                        + (string.IsNullOrWhiteSpace(tag) ? "" : $"&tags={Uri.EscapeDataString(tag.Trim())}");
        var ads = Ads(services, options.Value.HomeSlots, reader, ct, adContext);
        var current = WeatherEndpoint.ForAsync(readings, weather.Value, weather.Value.DefaultPlace, candidates, FirstWeatherWait, ct);

        var size = options.Value.ListSize;
        var composed = await shared.GetOrComposeAsync(http, HomeServices, async () =>
        {
            var none = CancellationToken.None; // every call has the page client's timeout; the composition may serve many readers
            var wanted = Uri.EscapeDataString(reader.WantedLanguage);
            var latest = services.GetAsync("articles",
                $"/api/articles?page={paging.Page}&pageSize={paging.PageSize ?? size * 2}&lang={shown}{filter}", reader.AcceptLanguage, none);
            var mustRead = services.GetAsync("articles", $"/api/articles/must-read?pageSize={size}&lang={shown}", reader.AcceptLanguage, none);
            var strings = services.GetAsync("localization", $"/api/localization/strings/{wanted}", reader.AcceptLanguage, none);
            var terms = services.GetAsync("localization", $"/api/localization/terms/{wanted}", reader.AcceptLanguage, none);
            await Task.WhenAll(latest, mustRead, strings, terms);

            // The articles service is the judge of its own list's parameters: its 400 is this page's 400.
            if ((await latest) is { Status: HttpStatusCode.BadRequest, Content: { } invalid })
            {
                return new SharedPageParts.Composition(null,
                    () => Results.Content(System.Text.Encoding.UTF8.GetString(invalid), "application/problem+json", statusCode: StatusCodes.Status400BadRequest));
            }

            return SharedPageParts.Composition.Of(new JsonObject
            {
                ["lang"] = shown,
                ["latestArticles"] = Part(await latest),
                ["mustRead"] = Part(await mustRead),
                ["strings"] = Part(await strings),
                ["terms"] = Part(await terms),
            });
        }, ct);
        if (composed.Other is { } other) return other();

        await Task.WhenAll(ads, current);
        return Page(response, shown, PageTemplate.For(composed.Parts!, HomeOrder).Render(await ads, await current));
    }

    /// <summary>
    /// <c>GET /api/pages/home?asOf=T</c> (editors, analysts): the home page's lists as they stood at T, folded from the
    /// articles history (<c>/api/articles/as-of</c>, docs/decisions/0020), with today's UI strings and terms; no ads and
    /// no weather, which belong to a live view. Never taken from or put in the shared parts' cache.
    /// </summary>
    private static async Task<IResult> HomePageAsOf(HttpRequest http, HttpResponse response, ServiceClient services, PageOptions options,
        SiteOptions site, string asOf, string? lang, CancellationToken ct)
    {
        if (http.HttpContext.User.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Problem("The site as it was is for editors and analysts: sign in.", statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized");
        }

        if (!http.HttpContext.User.IsInAnyRole(NewsPlatform.Platform.Auth.Roles.Editor, NewsPlatform.Platform.Auth.Roles.Analyst))
        {
            return Problems.Forbidden("The site as it was is for editors and analysts.");
        }

        if (!Instants.TryParseWithOffset(asOf, out var moment))
        {
            return Problems.Validation("asOf", "asOf is an instant with its offset, e.g. 2026-11-20T20:00:00+04:00.");
        }

        if (!TryLanguage(lang, out var problem)) return problem!;
        var candidates = site.Candidates(http, lang?.Trim());
        var shown = site.SiteLanguageOf(candidates);
        var acceptLanguage = http.Headers.AcceptLanguage.ToString();
        var wanted = Uri.EscapeDataString(candidates[0]);
        var at = Uri.EscapeDataString(moment.ToString("O", CultureInfo.InvariantCulture));
        var lists = services.GetAsync("articles", $"/api/articles/as-of?at={at}&pageSize={options.ListSize * 2}&lang={shown}", acceptLanguage, ct,
            authorization: http.Headers.Authorization.ToString(), client: ServiceClient.HistoryClientName);
        var strings = services.GetAsync("localization", $"/api/localization/strings/{wanted}", acceptLanguage, ct);
        var terms = services.GetAsync("localization", $"/api/localization/terms/{wanted}", acceptLanguage, ct);
        await Task.WhenAll(lists, strings, terms);
        if (await lists is not { Ok: true, Body: JsonObject folded })
        {
            return (await lists) is { Status: HttpStatusCode.BadRequest, Content: { } invalid }
                ? Results.Content(System.Text.Encoding.UTF8.GetString(invalid), "application/problem+json", statusCode: StatusCodes.Status400BadRequest)
                : TypedResults.Problem("The articles service is unavailable; try again shortly.", statusCode: 503, title: "Service unavailable");
        }

        var parts = new JsonObject
        {
            ["asOf"] = moment.ToString("O", CultureInfo.InvariantCulture),
            ["lang"] = shown,
            ["latestArticles"] = new JsonObject { ["items"] = folded["latest"]?.DeepClone() },
            ["mustRead"] = new JsonObject { ["items"] = folded["mustRead"]?.DeepClone() },
            ["strings"] = Part(await strings),
            ["terms"] = Part(await terms),
        };
        return Page(response, shown, PageTemplate.For(System.Text.Encoding.UTF8.GetBytes(parts.ToJsonString()), AsOfOrder).Render(null, null));
    }

    /// <summary>This view's page (its ad tokens in it): no cache, shared or private, may keep it.</summary>
    private static IResult Page(HttpResponse response, string shown, byte[] page)
    {
        response.Headers.ContentLanguage = shown;
        response.Headers.CacheControl = "private, no-store";
        return Results.Bytes(page, "application/json; charset=utf-8");
    }

    /// <summary>Every slot's decision in one call to the ad server, each slot excluding the campaigns of the ones before it.</summary>
    private static async Task<byte[]?> Ads(ServiceClient services, IReadOnlyList<string> slots, Reader reader,
        CancellationToken ct, string context)
    {
        var answer = await services.GetAsync("advertising",
            $"/api/ads/decisions?slots={Uri.EscapeDataString(string.Join(',', slots))}&{context}", reader.AcceptLanguage, ct, parse: false);
        // A JSON object or nothing: the ad server is down (or answered oddly), and the whole part is null.
        return answer is { Ok: true, Content: { Length: > 1 } content } && content[0] == (byte)'{' ? content : null;
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
