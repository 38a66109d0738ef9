using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Advertising.Delivery;

/// <summary>
/// The impression and click URLs of a decision. Each token counts once however often it is sent: the token is
/// spent in the same transaction as the count, and the count appends to the campaign's delivery stream at the
/// version it read, so replicas counting at once retry instead of passing a goal (docs/decisions/0005). Both are
/// counted in batches per campaign (<see cref="DeliveryLedger"/>).
/// </summary>
public static class LedgerEndpoints
{
    /// <summary>A transparent 1×1 GIF, for pages that count impressions with an image.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    /// <summary>
    /// Counts a token once, and at most <see cref="LedgerOptions.ImpressionsPerIpPerCampaignPerMinute"/> impressions of a
    /// campaign from one address in a minute: past that the token is spent, the answer is the same, and nothing counts,
    /// so one client replaying real tokens cannot drain a competitor's goal or cap. The address is the one the gateway
    /// saw (X-Forwarded-For believed from the gateway only, Program.cs).
    /// </summary>
    public static async Task<IResult> Impression(string token, HttpRequest http, DeliveryLedger ledger, AdTokens tokens,
        IOptions<SiteOptions> site, IOptions<AdvertisingOptions> ads, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!tokens.TryRead(token, now, out var ad, out var problem)) return Problems.Validation("token", problem);
        var answer = HttpMethods.IsGet(http.Method)
            ? TypedResults.File(Pixel, "image/gif").WithHeaders(("Cache-Control", "no-store"))
            : TypedResults.NoContent();

        var perMinute = ads.Value.Ledger.ImpressionsPerIpPerCampaignPerMinute;
        var address = perMinute > 0 ? tokens.HashAddress(http.HttpContext.Connection.RemoteIpAddress) : "";
        var counted = await ledger.CountAsync(PendingCount.Impression(ad, address, now, site.Value.LocalDay(now)), ct);
        return counted ? answer : Busy();
    }

    public static async Task<IResult> Click(string token, IDocumentStore store, DeliveryLedger ledger, AdTokens tokens, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!tokens.TryRead(token, now, out var ad, out var problem)) return Problems.Validation("token", problem);
        await using var query = store.QuerySession();
        var landing = (await query.LoadAsync<Campaign>(ad.CampaignId, ct))?.Creatives.FirstOrDefault(c => c.Id == ad.CreativeId)?.LandingUrl;
        if (landing is null) return Problems.NotFound("The ad of this token no longer exists.");

        // The reader lands whatever the count came to: a click that could not be counted now is not worth an error page.
        await ledger.CountAsync(PendingCount.Click(ad, now), ct);
        return TypedResults.Redirect(landing);
    }

    private static IResult Busy() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                detail: "Too many impressions of this campaign are being counted at once; send the same URL again.")
            .WithHeaders(("Retry-After", "1"));

}
