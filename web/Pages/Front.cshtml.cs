using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsPlatform.Web.Gateway;
using NewsPlatform.Web.Site;

namespace NewsPlatform.Web.Pages;

/// <summary>Home (<c>/{lang}/</c>), section (<c>/{lang}/section/{key}</c>) and tag (<c>/{lang}/tag/{key}</c>) pages: a lead story, Must Read, Latest with paging, ads.</summary>
public sealed class FrontModel(SiteContext site, GatewayClient gateway, IOptions<WebOptions> web) : SitePage(site)
{
    public string Heading { get; private set; } = "";

    public ArticleData? Lead { get; private set; }

    public IReadOnlyList<ArticleData> Rest { get; private set; } = [];

    public PagerView? Pager { get; private set; }

    public bool LatestUnavailable { get; private set; }

    /// <summary>The home page's heading is the site's name, which the masthead already shows: it is there for screen readers.</summary>
    public bool IsHome { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, string? section, string? tag, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        var language = Site.SiteLanguage(lang);
        if (language is null) return await ErrorPageAsync(gateway, Site.DefaultLanguage, 404, ct);
        var current = pageNumber ?? 1;
        if (current < 1 || current > 1000 || !ModelState.IsValid) return await ErrorPageAsync(gateway, language, 404, ct);
        section = section?.Trim().ToLowerInvariant();
        tag = tag?.Trim().ToLowerInvariant();

        var size = web.Value.PageSize;
        var answer = await gateway.HomePageAsync(language, section, tag, current, size, ct);
        if (answer.Outcome == Outcome.Invalid) return await ErrorPageAsync(gateway, language, 404, ct);
        var data = answer.Value;
        UseChrome(language, data?.Strings, data?.Terms, data?.Weather, data?.Ads, data?.MustRead);

        var latest = data?.LatestArticles;
        var items = latest?.Items ?? [];
        LatestUnavailable = latest is null;
        // A section nobody named, or a tag or page with nothing on it, is not a page.
        if (section is not null && Terms?.Sections is { Count: > 0 } sections && !sections.ContainsKey(section) && items.Count == 0)
        {
            return await ErrorPageAsync(gateway, language, 404, ct);
        }

        if (latest is not null && items.Count == 0 && (tag is not null || current > 1)) return await ErrorPageAsync(gateway, language, 404, ct);

        if (current == 1 && items.Count > 0)
        {
            Lead = items[0];
            Rest = [.. items.Skip(1)];
        }
        else
        {
            Rest = items;
        }

        var after = section is not null ? $"section/{Uri.EscapeDataString(section)}" : tag is not null ? $"tag/{Uri.EscapeDataString(tag)}" : "";
        var basePath = $"/{language}/{after}";
        var hasNext = latest is not null && (long)latest.Page * latest.PageSize < latest.Total;
        Pager = new PagerView(this, basePath, null, current, hasNext);

        IsHome = section is null && tag is null;
        Heading = section is not null ? SectionName(section) : tag is not null ? TagName(tag) : Site.Options.Name;
        Meta.Title = section is null && tag is null ? $"{Site.Options.Name} — {S["latestArticles"]}" : $"{Heading} | {Site.Options.Name}";
        if (current > 1) Meta.Title += $" ({current})";
        Meta.Description = Lead?.Summary ?? S["siteDescription"];
        Meta.CanonicalPath = current > 1 ? $"{basePath}?page={current}" : basePath;
        Meta.ImagePath = Lead?.Image?.Url;
        AlternatesInEveryLanguage(after + (current > 1 ? $"?page={current}" : ""));
        return Page();
    }
}
