using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising.Delivery;
using NewsPlatform.Advertising.PageContexts;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Advertising.Decisions;

/// <summary>
/// The page a decision is for, as the query described it: section, tags, language and the campaigns it already
/// shows (<see cref="Exclude"/> grows as slots are filled, so one page never gets a campaign twice).
/// </summary>
public sealed record PageQuery(string? Section, IReadOnlyList<string> Tags, string? Language, HashSet<Guid> Exclude)
{
    /// <summary>Reads and checks the page parameters that the single and the batch decision share.</summary>
    public static PageQuery Read(string? section, string? tags, string? lang, string? exclude, ValidationErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(lang) && !LanguageNegotiation.IsLanguageTag(lang.Trim())) errors.Add("lang", LanguageNegotiation.InvalidTagMessage("lang"));
        var excluded = new HashSet<Guid>();
        foreach (var text in (exclude ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Guid.TryParse(text, out var id)) excluded.Add(id);
            else errors.Add("exclude", "exclude is a comma-separated list of campaign ids.");
        }

        if (tags?.Length > 2000) errors.Add("tags", "tags is at most 2,000 characters.");
        return new PageQuery(
            section?.Trim().ToLowerInvariant(),
            [.. (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant())],
            string.IsNullOrWhiteSpace(lang) ? null : lang.Trim(),
            excluded);
    }
}

/// <summary>
/// Makes one slot's decision: the campaign from memory (<see cref="AdSelector"/>), its delivery checked, and signed
/// impression and click URLs. The single decision and the batch for a whole page both go through here.
/// </summary>
public sealed class AdDecisionMaker(IQuerySession session, CampaignCache cache, PageContextCache pages, AdTokens tokens,
    IOptions<AdvertisingOptions> ads, IOptions<SiteOptions> site, TimeProvider clock)
{
    private const int Attempts = 3;

    public IReadOnlyList<string> Slots => ads.Value.SlotsOrDefault;

    /// <summary>
    /// The page as the article's own events describe it (they beat what the query says), or null when the article
    /// must carry no advertising: a sensitive or withdrawn story.
    /// </summary>
    public async Task<PageQuery?> ForArticleAsync(PageQuery page, Guid? articleId, CancellationToken ct)
    {
        if (articleId is not { } article || await pages.GetAsync(article, ct) is not { } context) return page;
        if (context.NoAds || !context.Live) return null;
        return page with { Section = context.Section, Tags = context.Tags, Language = page.Language ?? context.Languages.FirstOrDefault() };
    }

    /// <summary>The decision for one slot of the page, or null when nothing fits; the chosen campaign joins the page's exclusions.</summary>
    public async Task<AdDecision?> DecideAsync(string slot, PageQuery page, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var day = site.Value.LocalDay(now);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var choice = AdSelector.Choose(cache.Current, new AdRequest(slot, page.Section, page.Tags, page.Language, page.Exclude), now, day, Random.Shared);
            if (choice is not var (campaign, creative)) return null;

            // The copy in memory may be a second old; the delivery itself says whether the goal or the day's cap is
            // spent (a campaign with neither has nothing to check).
            var limited = campaign.ImpressionGoal is not null || campaign.DailyImpressionCap is not null;
            var delivery = limited ? await session.LoadAsync<Delivery.Delivery>(Delivery.Delivery.StreamId(campaign.Id), ct) : null;
            page.Exclude.Add(campaign.Id);
            if (DeliveryDecider.Spent(delivery, campaign.ImpressionGoal, campaign.DailyImpressionCap, day) is not null)
            {
                cache.Forget(campaign.Id);
                continue;
            }

            var decisionId = Guid.CreateVersion7();
            var token = tokens.Sign(new AdToken(decisionId, campaign.Id, creative.Id, now + ads.Value.TokenLifetime));
            return new AdDecision(decisionId, campaign.Id, creative.Id, campaign.Priority, creative.Slot, creative.Kind, creative.ImageUrl,
                creative.Html, creative.Text, creative.AltText, creative.Width, creative.Height,
                $"/api/ads/impressions/{token}", $"/api/ads/clicks/{token}");
        }

        return null;
    }
}
