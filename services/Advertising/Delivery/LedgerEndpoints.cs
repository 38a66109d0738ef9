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
/// version it read, so replicas counting at once retry instead of passing a goal (docs/decisions/0005). Impressions
/// are counted in batches per campaign (<see cref="ImpressionLedger"/>); clicks, far fewer, one by one.
/// </summary>
public static class LedgerEndpoints
{
    private const int Attempts = 25;

    /// <summary>A transparent 1×1 GIF, for pages that count impressions with an image.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    /// <summary>
    /// Counts a token once, and at most <see cref="LedgerOptions.ImpressionsPerIpPerCampaignPerMinute"/> impressions of a
    /// campaign from one address in a minute: past that the token is spent, the answer is the same, and nothing counts,
    /// so one client replaying real tokens cannot drain a competitor's goal or cap. The address is the one the gateway
    /// saw (X-Forwarded-For believed from the gateway only, Program.cs).
    /// </summary>
    public static async Task<IResult> Impression(string token, HttpRequest http, ImpressionLedger ledger, AdTokens tokens,
        IOptions<SiteOptions> site, IOptions<AdvertisingOptions> ads, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!tokens.TryRead(token, now, out var ad, out var problem)) return Problems.Validation("token", problem);
        var answer = HttpMethods.IsGet(http.Method)
            ? TypedResults.File(Pixel, "image/gif").WithHeaders(("Cache-Control", "no-store"))
            : TypedResults.NoContent();

        var perMinute = ads.Value.Ledger.ImpressionsPerIpPerCampaignPerMinute;
        var address = perMinute > 0 ? tokens.HashAddress(http.HttpContext.Connection.RemoteIpAddress) : "";
        var counted = await ledger.CountAsync(new PendingImpression(ad, address, now, site.Value.LocalDay(now)), ct);
        return counted ? answer : Busy();
    }

    public static async Task<IResult> Click(string token, IDocumentStore store, AdTokens tokens, TimeProvider clock, ILoggerFactory logs,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!tokens.TryRead(token, now, out var ad, out var problem)) return Problems.Validation("token", problem);
        await using var query = store.QuerySession();
        var landing = (await query.LoadAsync<Campaign>(ad.CampaignId, ct))?.Creatives.FirstOrDefault(c => c.Id == ad.CreativeId)?.LandingUrl;
        if (landing is null) return Problems.NotFound("The ad of this token no longer exists.");

        // The reader lands whatever happens to the count: a click that could not be counted now is not worth an error page.
        await CountOnceAsync(store, $"c:{ad.DecisionId}", now, logs, async session =>
        {
            var stream = await session.Events.FetchForWriting<Delivery>(Delivery.StreamId(ad.CampaignId), ct);
            stream.AppendMany(DeliveryDecider.Decide(stream.Aggregate, new CountClick(ad.CampaignId, ad.CreativeId, ad.DecisionId, now)).Events);
        }, ct);
        return TypedResults.Redirect(landing);
    }

    /// <summary>
    /// Spends the token and counts, in one transaction; a spent token does nothing, a race on the stream retries
    /// after a random pause that grows with the attempts. False when the races never stopped: nothing was counted
    /// and the token is not spent, so the caller may send it again.
    /// </summary>
    private static async Task<bool> CountOnceAsync(IDocumentStore store, string spentKey, DateTimeOffset now, ILoggerFactory logs,
        Func<IDocumentSession, Task> count, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<SpentToken>(spentKey, ct) is not null) return true;
            session.Insert(new SpentToken(spentKey, now));
            await count(session);
            try
            {
                await session.SaveChangesAsync(ct);
                return true;
            }
            catch (JasperFx.DocumentAlreadyExistsException) when (attempt < Attempts)
            {
                // The same token sent twice at once: the other request committed first, so looking again finds it spent.
            }
            catch (JasperFx.DocumentAlreadyExistsException)
            {
                return true;
            }
            catch (Exception race) when (IsRace(race))
            {
                if (attempt == Attempts)
                {
                    logs.CreateLogger(typeof(LedgerEndpoints)).LogWarning("Gave up counting {Token} after {Attempts} races on its campaign", spentKey, Attempts);
                    return false;
                }

                await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt, 7)), ct);
            }
        }
    }

    private static IResult Busy() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                detail: "Too many impressions of this campaign are being counted at once; send the same URL again.")
            .WithHeaders(("Retry-After", "1"));

    internal static bool IsRace(Exception e) =>
        e is JasperFx.ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
        || e.InnerException is JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException;
}
