using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using NewsPlatform.Np.Connection;
using NewsPlatform.Np.Events;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NewsPlatform.Np.Reports;

public sealed class ReportSettings : GatewaySettings
{
    [CommandArgument(0, "[NAME]")]
    [Description("The report (a file in Reports/ beside the tool); none lists them.")]
    public string? Name { get; init; }

    [CommandOption("--from <TIME>")]
    [Description("Start of the range (inclusive): an instant, or a date taken as midnight in the site's time zone.")]
    public string? From { get; init; }

    [CommandOption("--to <TIME>")]
    [Description("End of the range (exclusive): an instant, or a date taken as midnight in the site's time zone.")]
    public string? To { get; init; }

    [CommandOption("--chart <PNG>")]
    [Description("Also draw the report into this PNG.")]
    public string? Chart { get; init; }

    [CommandOption("--data <DIR>")]
    [Description("Where the exported history is kept between runs (NP_DATA; ./np-data). Each run first fetches what is new.")]
    public string? Data { get; init; }

    [CommandOption("--offline")]
    [Description("Use the history already in --data; fetch nothing.")]
    public bool Offline { get; init; }

    [CommandOption("--time-zone <TZ>")]
    [Description("The site's time zone, for days (NP_SITE_TIME_ZONE, else the site's default, Indian/Mauritius).")]
    public string? TimeZone { get; init; }

    public string DataDirectory => Data ?? Environment.GetEnvironmentVariable("NP_DATA") ?? Path.Combine(Environment.CurrentDirectory, "np-data");

    public string SiteTimeZone => TimeZone ?? Environment.GetEnvironmentVariable("NP_SITE_TIME_ZONE") ?? ReportRunner.DefaultTimeZone;

    /// <summary>An instant as given, or a bare date as midnight in the site's time zone.</summary>
    public DateTimeOffset Instant(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(SiteTimeZone);
            var midnight = date.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new NpException($"{text} is neither a date (2026-11-20) nor an instant (2026-11-20T20:00+04:00).");
    }

    public override ValidationResult Validate()
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(SiteTimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            return ValidationResult.Error($"Unknown time zone {SiteTimeZone}.");
        }

        return ValidationResult.Success();
    }
}

/// <summary>
/// <c>np report NAME --from --to [--chart out.png]</c>: brings the exported history of the services the report reads up to
/// date (resumable Parquet parts in --data), runs the report's SQL in DuckDB, prints a table and draws the chart.
/// </summary>
public sealed class ReportCommand(IAnsiConsole console) : AsyncCommand<ReportSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken) =>
        Cli.RunAsync(console, async ct =>
        {
            if (settings.Name is null)
            {
                var list = new Table().Border(TableBorder.Rounded).AddColumns("report", "reads");
                foreach (var name in ReportDefinition.Names())
                {
                    list.AddRow(name, string.Join(", ", ReportDefinition.Load(name).Services));
                }

                console.Write(list);
                return 0;
            }

            var report = ReportDefinition.Load(settings.Name);
            var from = settings.From is null ? DateTimeOffset.UnixEpoch : settings.Instant(settings.From);
            var to = settings.To is null ? DateTimeOffset.UtcNow.AddDays(1) : settings.Instant(settings.To);
            if (from >= to) throw new NpException("--from must come before --to.");
            if (!settings.Offline)
            {
                using var http = await PlatformClient.CreateAsync(settings, ct);
                var exporter = new EventExporter(http);
                foreach (var service in report.Services)
                {
                    await ExportProgress.RunAsync(console, $"{service} history", progress =>
                        exporter.ExportPartsAsync(service, Path.Combine(settings.DataDirectory, service), new ExportFilter(), progress, ct));
                }
            }

            var started = Stopwatch.GetTimestamp();
            var result = ReportRunner.Run(report, settings.DataDirectory, from, to, settings.SiteTimeZone);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"{report.Name}, {from:yyyy-MM-dd HH:mm zzz} → {to:yyyy-MM-dd HH:mm zzz}");
            foreach (var column in result.Columns) table.AddColumn(Markup.Escape(column));
            foreach (var row in result.Rows) table.AddRow([.. row.Select(v => Markup.Escape(ReportRunner.Format(v)))]);
            console.Write(table);
            console.MarkupLineInterpolated($"[grey]{result.Rows.Count} rows in {elapsed.TotalSeconds:F2} s (DuckDB); the SQL: {Path.Combine(ReportDefinition.Directory, report.Name + ".sql")}[/]");
            if (settings.Chart is { } chart)
            {
                ReportChart.Save(result, chart);
                console.MarkupLineInterpolated($"Chart: {chart}");
            }

            return 0;
        }, cancellationToken);
}
