using System.Text.Json.Nodes;
using NewsPlatform.Np.Events;
using NewsPlatform.Np.Reports;
using Parquet;

namespace NewsPlatform.UnitTests.Analysts;

/// <summary>
/// Each report of <c>np report</c> on a small history written here, whose answers are known exactly: the SQL files in
/// tools/np/Reports run in DuckDB over Parquet of the export's schema, as they run for analysts.
/// Times are UTC; the site's calendar is Indian/Mauritius (UTC+4), and the range is its 19 and 20 November 2026.
/// </summary>
public sealed class ReportTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"np-reports-{Guid.NewGuid():N}");
    private static readonly DateTimeOffset From = DateTimeOffset.Parse("2026-11-19T00:00:00+04:00");
    private static readonly DateTimeOffset To = DateTimeOffset.Parse("2026-11-21T00:00:00+04:00");

    public void Dispose()
    {
        if (Directory.Exists(_data) && Environment.GetEnvironmentVariable("NP_KEEP") is null) Directory.Delete(_data, recursive: true);
    }

    private static DateTimeOffset T(string utc) => DateTimeOffset.Parse(utc + "Z");

    private static readonly Guid A1 = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid A2 = Guid.Parse("00000000-0000-0000-0000-0000000000a2");
    private static readonly Guid A3 = Guid.Parse("00000000-0000-0000-0000-0000000000a3");
    private static readonly Guid A4 = Guid.Parse("00000000-0000-0000-0000-0000000000a4");

    private async Task<List<string[]>> Run(string report, IEnumerable<(Guid Stream, string Type, DateTimeOffset At, object Data)> history, string service)
    {
        await WritePartAsync(service, history);
        var result = ReportRunner.Run(ReportDefinition.Load(report), _data, From, To, "Indian/Mauritius");
        return [.. result.Rows.Select(r => r.Select(ReportRunner.Format).ToArray())];
    }

    [Fact]
    public async Task Stories_published_per_section_per_day_count_a_story_once_a_day_in_the_site_calendar()
    {
        var rows = await Run("stories-per-section-per-day", Articles(), "articles");
        Assert.Equal([["2026-11-19", "politics", "1"], ["2026-11-20", "politics", "1"], ["2026-11-20", "sport", "1"]], rows);
    }

    [Fact]
    public async Task Draft_to_publication_measures_the_first_draft_to_the_first_publication()
    {
        var rows = await Run("draft-to-publication", Articles(), "articles");
        Assert.Equal([["politics", "2", "4", "5.6", "6"], ["sport", "1", "48", "48", "48"]], rows);
    }

    private static IEnumerable<(Guid, string, DateTimeOffset, object)> Articles()
    {
        yield return (A1, "article_drafted", T("2026-11-19T10:00:00"), new { articleId = A1, section = "politics" });
        yield return (A1, "article_published", T("2026-11-19T12:00:00"), Published(A1, "politics", "2026-11-19T12:00:00"));
        // 21:00 UTC is 01:00 the next day in Port Louis.
        yield return (A2, "article_drafted", T("2026-11-19T15:00:00"), new { articleId = A2, section = "politics" });
        yield return (A2, "article_published", T("2026-11-19T21:00:00"), Published(A2, "politics", "2026-11-19T21:00:00"));
        // Published, unpublished and published again the same day: one story that day.
        yield return (A3, "article_drafted", T("2026-11-18T08:00:00"), new { articleId = A3, section = "sport" });
        yield return (A3, "article_published", T("2026-11-20T08:00:00"), Published(A3, "sport", "2026-11-20T08:00:00"));
        yield return (A3, "article_unpublished", T("2026-11-20T09:00:00"), new { articleId = A3, reason = "check" });
        yield return (A3, "article_published", T("2026-11-20T10:00:00"), Published(A3, "sport", "2026-11-20T10:00:00"));
        yield return (A4, "article_drafted", T("2026-11-20T00:00:00"), new { articleId = A4, section = "sport" });
    }

    private static object Published(Guid id, string section, string at) => new { articleId = id, section, publishedAt = at + "Z" };

    [Fact]
    public async Task Translation_lead_time_and_stale_spells_per_language()
    {
        var (l1, l2) = (Guid.NewGuid(), Guid.NewGuid());
        var rows = await Run("translation-lead-time", [
            (l1, "translation_group_opened", T("2026-11-19T12:00:00"), new { articleId = l1, targets = new[] { "fr" } }),
            (l1, "translation_approved", T("2026-11-19T15:00:00"), new { articleId = l1, lang = "fr" }),
            (l1, "source_revised", T("2026-11-19T18:00:00"), new { articleId = l1, targets = new[] { "fr" }, marksStale = true }),
            (l1, "source_revised", T("2026-11-19T19:00:00"), new { articleId = l1, targets = new[] { "fr" }, marksStale = false }),
            (l1, "translation_approved", T("2026-11-20T00:00:00"), new { articleId = l1, lang = "fr" }),
            (l2, "translation_group_opened", T("2026-11-19T20:00:00"), new { articleId = l2, targets = new[] { "fr", "en" } }),
            (l2, "translation_approved", T("2026-11-19T21:00:00"), new { articleId = l2, lang = "fr" }),
            // Stale from 10:00 UTC and never approved again: stale up to the end of the range (20:00 UTC), 10 hours.
            (l2, "source_revised", T("2026-11-20T10:00:00"), new { articleId = l2, targets = new[] { "fr" }, marksStale = true }),
        ], "localization");
        Assert.Equal([["fr", "2", "2", "3", "2", "1", "8", "10"]], rows);
    }

    [Fact]
    public async Task Comments_in_the_first_day_and_moderation_delay_per_story()
    {
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());
        var opened = T("2026-11-19T12:00:00");
        var (c1, c2, c3, c4) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var rows = await Run("comments-first-day", [
            (x, "thread_opened", opened, new { articleId = x, articleTitle = "Cyclone" }),
            (c1, "comment_posted", opened.AddHours(1), new { commentId = c1, articleId = x, status = "approved" }),
            (c2, "comment_posted", opened.AddHours(2), new { commentId = c2, articleId = x, status = "pending" }),
            (c2, "comment_approved", opened.AddHours(2.5), new { commentId = c2 }),
            (c3, "comment_posted", opened.AddHours(23), new { commentId = c3, articleId = x, status = "pending" }),
            (c3, "comment_rejected", opened.AddHours(25), new { commentId = c3 }),
            (c4, "comment_posted", opened.AddHours(25), new { commentId = c4, articleId = x, status = "approved" }),
            (y, "thread_opened", T("2026-11-20T06:00:00"), new { articleId = y, articleTitle = "Budget" }),
        ], "comments");
        Assert.Equal([["Cyclone", "2026-11-19 16:00", "3", "2", "2", "75", "120"], ["Budget", "2026-11-20 10:00", "0", "0", "0", "", ""]], rows);
    }

    [Fact]
    public async Task Ad_impressions_clicks_and_ctr_per_campaign_per_site_day()
    {
        var k = Guid.NewGuid();
        var rows = await Run("ad-performance", [
            (k, "campaign_created", T("2026-11-01T00:00:00"), new { campaignId = k, name = "House" }),
            (k, "impression_counted", T("2026-11-19T19:30:00"), new { campaignId = k }),
            // 20:30 UTC is already the 20th in Port Louis.
            (k, "impression_counted", T("2026-11-19T20:30:00"), new { campaignId = k }),
            (k, "impression_counted", T("2026-11-20T05:00:00"), new { campaignId = k }),
            (k, "click_counted", T("2026-11-20T06:00:00"), new { campaignId = k }),
            (k, "impression_counted", T("2026-11-20T21:00:00"), new { campaignId = k }),
        ], "ads");
        Assert.Equal([["2026-11-19", "House", "1", "0", "0"], ["2026-11-20", "House", "2", "1", "50"]], rows);
    }

    [Fact]
    public async Task A_chart_is_drawn_as_the_report_says()
    {
        await WritePartAsync("articles", Articles());
        var result = ReportRunner.Run(ReportDefinition.Load("stories-per-section-per-day"), _data, From, To, "Indian/Mauritius");
        var png = Path.Combine(_data, "chart.png");
        ReportChart.Save(result, png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
    }

    private async Task WritePartAsync(string service, IEnumerable<(Guid Stream, string Type, DateTimeOffset At, object Data)> history)
    {
        var events = history.ToList();
        var directory = Path.Combine(_data, service);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"part-{events.Count:D19}.parquet");
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(EventSchema.Schema, file);
        using var group = writer.CreateRowGroup();
        var n = events.Count;
        await group.WriteAsync(EventSchema.Sequence, new ReadOnlyMemory<long>([.. Enumerable.Range(1, n).Select(i => (long)i)]));
        await group.WriteAsync(EventSchema.StreamId, events.Select(e => e.Stream.ToString()).ToArray());
        await group.WriteAsync(EventSchema.Version, new ReadOnlyMemory<long>([.. events.Select(_ => 1L)]));
        await group.WriteAsync(EventSchema.Type, events.Select(e => e.Type).ToArray());
        await group.WriteAsync(EventSchema.At, new ReadOnlyMemory<DateTime>([.. events.Select(e => e.At.UtcDateTime)]));
        await group.WriteAsync(EventSchema.Data, events.Select(e => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(e.Data))!.ToJsonString()).ToArray());
        await group.WriteAsync(EventSchema.CorrelationId, events.Select(_ => (string?)null).ToArray());
        await group.WriteAsync(EventSchema.CausationId, events.Select(_ => (string?)null).ToArray());
    }
}
