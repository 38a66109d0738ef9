using Ganss.Xss;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsPlatform.Web.Gateway;
using NewsPlatform.Web.Site;

namespace NewsPlatform.Web.Pages;

/// <summary><c>/{lang}/search?q=&amp;page=</c>: the stories that match, the matches highlighted, paged.</summary>
public sealed class SearchModel(SiteContext site, GatewayClient gateway, IOptions<WebOptions> web) : SitePage(site)
{
    public const int MaxQuery = 200;

    // The search service marks matches with <mark> in otherwise escaped text; anything else is removed all the same.
    private static readonly HtmlSanitizer Marks = CreateSanitizer();

    public string? Query { get; private set; }

    public ArticleList? Results { get; private set; }

    /// <summary>Why there are no results to show: "empty", "invalid" or "unavailable"; null when there are.</summary>
    public string? Problem { get; private set; }

    public PagerView? Pager { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, string? q, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        var language = Site.SiteLanguage(lang);
        if (language is null) return await ErrorPageAsync(gateway, Site.DefaultLanguage, 404, ct);
        var current = pageNumber is >= 1 and <= 1000 && ModelState.IsValid ? pageNumber.Value : 1;
        Query = q?.Trim();

        var chrome = LoadChromeAsync(gateway, language, preferRemembered: false, ct);
        Task<GatewayAnswer<ArticleList>>? search = null;
        if (string.IsNullOrEmpty(Query)) Problem = "empty";
        else if (Query.Length > MaxQuery) Problem = "invalid";
        else search = gateway.SearchAsync(Query, language, current, web.Value.PageSize, ct);
        await chrome;
        if (search is not null)
        {
            var answer = await search;
            Results = answer.Value;
            Problem = answer.Outcome switch
            {
                Outcome.Ok => null,
                Outcome.Invalid => "invalid",
                _ => "unavailable",
            };
            if (Results is not null)
            {
                Pager = new PagerView(this, $"/{language}/search", Query, current, (long)Results.Page * Results.PageSize < Results.Total);
            }
        }

        Meta.Title = string.IsNullOrEmpty(Query) ? $"{S["search"]} | {Site.Options.Name}" : $"{S["search"]}: {Query} | {Site.Options.Name}";
        Meta.NoIndex = true;
        Meta.CanonicalPath = $"/{language}/search";
        AlternatesInEveryLanguage(string.IsNullOrEmpty(Query) ? "search" : $"search?q={Uri.EscapeDataString(Query)}");
        return Page();
    }

    public static string Highlighted(string? snippet) => string.IsNullOrEmpty(snippet) ? "" : Marks.Sanitize(snippet);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        sanitizer.AllowedTags.Add("mark");
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.KeepChildNodes = true;
        return sanitizer;
    }
}
