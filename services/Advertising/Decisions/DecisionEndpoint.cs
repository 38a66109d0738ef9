using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Delivery;
using NewsPlatform.Advertising.PageContexts;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Advertising.Decisions;

public sealed record AdDecision(
    Guid DecisionId,
    Guid CampaignId,
    Guid CreativeId,
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
    private const int Attempts = 3;

    public static async Task<IResult> Decide(IQuerySession session, CampaignCache cache, AdTokens tokens, IOptions<AdvertisingOptions> ads,
        IOptions<SiteOptions> site, TimeProvider clock, HttpResponse response, CancellationToken ct,
        string? slot = null, string? section = null, string? tags = null, string? lang = null, Guid? articleId = null, string? exclude = null)
    {
        response.Headers.CacheControl = "no-store";
        var errors = new ValidationErrors();
        var wantedSlot = slot?.Trim().ToLowerInvariant();
        if (wantedSlot is null || !ads.Value.SlotsOrDefault.Contains(wantedSlot)) errors.Add("slot", $"slot is one of: {string.Join(", ", ads.Value.SlotsOrDefault)}.");
        if (!string.IsNullOrWhiteSpace(lang) && !LanguageNegotiation.IsLanguageTag(lang.Trim())) errors.Add("lang", LanguageNegotiation.InvalidTagMessage("lang"));
        var excluded = new HashSet<Guid>();
        foreach (var text in (exclude ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Guid.TryParse(text, out var id)) excluded.Add(id);
            else errors.Add("exclude", "exclude is a comma-separated list of campaign ids.");
        }

        if (tags?.Length > 2000) errors.Add("tags", "tags is at most 2,000 characters.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var pageSection = section?.Trim().ToLowerInvariant();
        IReadOnlyList<string> pageTags = [.. (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant())];
        var pageLanguage = string.IsNullOrWhiteSpace(lang) ? null : lang.Trim();
        if (articleId is { } article && await session.LoadAsync<PageContext>(article, ct) is { } page)
        {
            // The article's own events are the authority on its page: a sensitive or withdrawn story carries no ads.
            if (page.NoAds || !page.Live) return TypedResults.NoContent();
            pageSection = page.Section;
            pageTags = page.Tags;
            pageLanguage ??= page.Languages.FirstOrDefault();
        }

        var now = clock.GetUtcNow();
        var day = site.Value.LocalDay(now);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var choice = AdSelector.Choose(cache.Current, new AdRequest(wantedSlot!, pageSection, pageTags, pageLanguage, excluded), now, day, Random.Shared);
            if (choice is not var (campaign, creative)) return TypedResults.NoContent();

            // The copy in memory may be a second old; the delivery itself says whether the goal or the day's cap is
            // spent (a campaign with neither has nothing to check).
            var limited = campaign.ImpressionGoal is not null || campaign.DailyImpressionCap is not null;
            var delivery = limited ? await session.LoadAsync<Delivery.Delivery>(Delivery.Delivery.StreamId(campaign.Id), ct) : null;
            if (DeliveryDecider.Spent(delivery, campaign.ImpressionGoal, campaign.DailyImpressionCap, day) is not null)
            {
                cache.Forget(campaign.Id);
                excluded.Add(campaign.Id);
                continue;
            }

            var decisionId = Guid.CreateVersion7();
            var token = tokens.Sign(new AdToken(decisionId, campaign.Id, creative.Id, now + ads.Value.TokenLifetime));
            return TypedResults.Ok(new AdDecision(decisionId, campaign.Id, creative.Id, creative.Slot, creative.Kind, creative.ImageUrl,
                creative.Html, creative.Text, creative.AltText, creative.Width, creative.Height,
                $"/api/ads/impressions/{token}", $"/api/ads/clicks/{token}"));
        }

        return TypedResults.NoContent();
    }
}
