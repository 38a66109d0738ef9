using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Delivery;
using NewsPlatform.Advertising.PageContexts;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Advertising.Decisions;

/// <summary>One ad for one slot of one page view; <c>priority</c> lets a page give a house ad its own place.</summary>
public sealed record AdDecision(
    Guid DecisionId,
    Guid CampaignId,
    Guid CreativeId,
    CampaignPriority Priority,
    string Slot,
    CreativeKind Kind,
    string? ImageUrl,
    string? Html,
    string? Text,
    string? AltText,
    int? Width,
    int? Height,
    string ImpressionUrl,
    string ClickUrl);

/// <summary>
/// <c>GET /api/ads/decision?slot=&amp;section=&amp;tags=&amp;lang=&amp;articleId=&amp;exclude=</c>: the ad for one slot of a
/// page, chosen from the campaigns in memory, with signed impression and click URLs; 204 when nothing fits or the
/// article must carry no advertising.
/// </summary>
public static class DecisionEndpoint
{
    public static async Task<IResult> Decide(IQuerySession session, CampaignCache cache, PageContextCache pages, AdTokens tokens, IOptions<AdvertisingOptions> ads,
        IOptions<SiteOptions> site, TimeProvider clock, HttpResponse response, CancellationToken ct,
        string? slot = null, string? section = null, string? tags = null, string? lang = null, Guid? articleId = null, string? exclude = null)
    {
        response.Headers.CacheControl = "no-store";
        var maker = new AdDecisionMaker(session, cache, pages, tokens, ads, site, clock);
        var errors = new ValidationErrors();
        var wantedSlot = slot?.Trim().ToLowerInvariant();
        if (wantedSlot is null || !maker.Slots.Contains(wantedSlot)) errors.Add("slot", $"slot is one of: {string.Join(", ", maker.Slots)}.");
        var query = PageQuery.Read(section, tags, lang, exclude, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        if (await maker.ForArticleAsync(query, articleId, ct) is not { } page) return TypedResults.NoContent();
        return await maker.DecideAsync(wantedSlot!, page, ct) is { } decision ? TypedResults.Ok(decision) : TypedResults.NoContent();
    }
}
