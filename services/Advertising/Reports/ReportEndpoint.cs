using System.Globalization;
using System.Security.Claims;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising.Advertisers;
using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Delivery;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;
using NodaTime;
using NodaTime.Text;

namespace NewsPlatform.Advertising.Reports;

public sealed record ReportBucket(DateTimeOffset Start, DateTimeOffset End, string Local, long Impressions, long Clicks, double Ctr);

public sealed record ReportTotals(long Impressions, long Clicks, double Ctr);

public sealed record CampaignReport(Guid CampaignId, string TimeZone, string Granularity, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<ReportBucket> Buckets, ReportTotals Totals);

/// <summary>
/// <c>GET /api/ads/campaigns/{id}/report?from=&amp;to=&amp;granularity=hour|day</c>: impressions, clicks and CTR per
/// bucket of the site's calendar, added up from the hourly rollups. <c>from</c> and <c>to</c> are site-local dates
/// (<c>2026-11-24</c>, <c>to</c> inclusive) or instants (<c>to</c> exclusive); by default the last 7 days (day) or 24 hours (hour).
/// </summary>
public static class ReportEndpoint
{
    public const int MaxHourBuckets = 24 * 31;
    public const int MaxDayBuckets = 366;

    public static async Task<IResult> Report(Guid id, IQuerySession session, ClaimsPrincipal user, IOptions<SiteOptions> site,
        TimeProvider clock, CancellationToken ct, string? from = null, string? to = null, string? granularity = null)
    {
        var campaign = await session.LoadAsync<Campaign>(id, ct);
        if (campaign is null || !user.Owns(campaign.AdvertiserId)) return Problems.NotFound($"No campaign {id}.");

        var zone = site.Value.Zone();
        var errors = new ValidationErrors();
        var byHour = (granularity ?? "day").Trim().ToLowerInvariant() switch
        {
            "hour" => true,
            "day" => false,
            _ => (bool?)null,
        };
        if (byHour is null) errors.Add("granularity", "granularity is hour or day.");
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var end = Parse(to, zone, isEnd: true, errors, "to") ?? (byHour == true ? StartOfHour(now, zone).Plus(Duration.FromHours(1)) : zone.AtStartOfDay(now.InZone(zone).Date.PlusDays(1)).ToInstant());
        var start = Parse(from, zone, isEnd: false, errors, "from") ?? (byHour == true ? end.Minus(Duration.FromHours(24)) : zone.AtStartOfDay(end.InZone(zone).Date.PlusDays(-7)).ToInstant());
        if (!errors.Any && start >= end) errors.Add("from", "from must be before to.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var buckets = new List<(Instant Start, Instant End, string Local)>();
        for (var cursor = byHour == true ? StartOfHour(start, zone) : zone.AtStartOfDay(start.InZone(zone).Date).ToInstant(); cursor < end;)
        {
            var local = cursor.InZone(zone);
            var next = byHour == true ? cursor.Plus(Duration.FromHours(1)) : zone.AtStartOfDay(local.Date.PlusDays(1)).ToInstant();
            buckets.Add((cursor, next, byHour == true
                ? local.LocalDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
                : local.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            cursor = next;
            if (buckets.Count > (byHour == true ? MaxHourBuckets : MaxDayBuckets))
            {
                return Problems.Validation("to", byHour == true ? $"An hourly report covers at most {MaxHourBuckets / 24} days." : $"A daily report covers at most {MaxDayBuckets} days.");
            }
        }

        var first = buckets[0].Start.ToDateTimeOffset();
        var last = buckets[^1].End.ToDateTimeOffset();
        var rollups = await session.Query<HourlyRollup>()
            .Where(r => r.CampaignId == id && r.HourStart >= first && r.HourStart < last)
            .ToListAsync(ct);
        // A rollup is one UTC hour; it falls in the bucket where its hour starts.
        var rows = buckets.Select(b =>
        {
            var inside = rollups.Where(r => Instant.FromDateTimeOffset(r.HourStart) >= b.Start && Instant.FromDateTimeOffset(r.HourStart) < b.End).ToList();
            var impressions = inside.Sum(r => r.Impressions);
            var clicks = inside.Sum(r => r.Clicks);
            return new ReportBucket(b.Start.ToDateTimeOffset(), b.End.ToDateTimeOffset(), b.Local, impressions, clicks, Ctr(clicks, impressions));
        }).ToList();
        var totalImpressions = rows.Sum(r => r.Impressions);
        var totalClicks = rows.Sum(r => r.Clicks);
        return TypedResults.Ok(new CampaignReport(id, site.Value.TimeZone, byHour == true ? "hour" : "day", first, last, rows,
            new ReportTotals(totalImpressions, totalClicks, Ctr(totalClicks, totalImpressions))));
    }

    private static double Ctr(long clicks, long impressions) => impressions == 0 ? 0 : Math.Round((double)clicks / impressions, 4);

    private static Instant StartOfHour(Instant at, DateTimeZone zone)
    {
        var local = at.InZone(zone).LocalDateTime;
        return zone.AtLeniently(local.Date.At(new LocalTime(local.Hour, 0))).ToInstant();
    }

    /// <summary>Reports cover this century and the next: enough for any campaign, and far from the calendar's edges.</summary>
    private static readonly Instant Earliest = Instant.FromUtc(2000, 1, 1, 0, 0);
    private static readonly Instant Latest = Instant.FromUtc(2200, 1, 1, 0, 0);

    /// <summary>A site-local date (the start of that day, or of the next one for <c>to</c>), or an ISO 8601 instant.</summary>
    private static Instant? Parse(string? text, DateTimeZone zone, bool isEnd, ValidationErrors errors, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        Instant? parsed = null;
        var date = LocalDatePattern.Iso.Parse(text.Trim());
        if (date.Success && date.Value.Year is >= 2000 and < 2200)
        {
            parsed = zone.AtStartOfDay(isEnd ? date.Value.PlusDays(1) : date.Value).ToInstant();
        }
        else if (!date.Success && text.Contains('T', StringComparison.Ordinal)
                 && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            parsed = Instant.FromDateTimeOffset(instant);
        }

        if (parsed is { } value && value >= Earliest && value < Latest) return value;
        errors.Add(field, $"{field} is a date (2026-11-24) or an ISO 8601 time (2026-11-24T20:00:00Z) between the years 2000 and 2199.");
        return null;
    }
}
