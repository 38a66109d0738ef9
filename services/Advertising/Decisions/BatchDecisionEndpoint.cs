using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising.Delivery;
using NewsPlatform.Advertising.PageContexts;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Advertising.Decisions;

/// <summary>
/// <c>GET /api/ads/decisions?slots=top,in-article,sidebar&amp;section=&amp;tags=&amp;lang=&amp;articleId=&amp;exclude=</c>: the
/// decisions for every slot of one page view in one call, <c>{slot: decision or null}</c>. The slots are filled in the
/// order asked, each excluding the campaigns chosen for the ones before it, by the same rules as the single decision;
/// an article that must carry no advertising gets null everywhere.
/// </summary>
public static class BatchDecisionEndpoint
{
    public static async Task<IResult> Decide(IQuerySession session, CampaignCache cache, PageContextCache pages, AdTokens tokens,
        IOptions<AdvertisingOptions> ads, IOptions<SiteOptions> site, TimeProvider clock, HttpResponse response, CancellationToken ct,
        string? slots = null, string? section = null, string? tags = null, string? lang = null, Guid? articleId = null, string? exclude = null)
    {
        response.Headers.CacheControl = "no-store";
        var maker = new AdDecisionMaker(session, cache, pages, tokens, ads, site, clock);
        var errors = new ValidationErrors();
        var wanted = (slots ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).ToList();
        var known = $"slots is a comma-separated list of distinct slots among: {string.Join(", ", maker.Slots)}.";
        if (wanted.Count == 0 || wanted.Any(s => !maker.Slots.Contains(s)) || wanted.Distinct().Count() != wanted.Count) errors.Add("slots", known);
        var query = PageQuery.Read(section, tags, lang, exclude, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var page = await maker.ForArticleAsync(query, articleId, ct);
        var decisions = new Dictionary<string, AdDecision?>(StringComparer.Ordinal);
        foreach (var slot in wanted)
        {
            decisions[slot] = page is null ? null : await maker.DecideAsync(slot, page, ct);
        }

        return TypedResults.Ok(decisions);
    }
}
