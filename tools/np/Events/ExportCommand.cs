using System.ComponentModel;
using NewsPlatform.Np.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NewsPlatform.Np.Events;

public sealed class ExportSettings : GatewaySettings
{
    [CommandOption("--service <SERVICE>")]
    [Description("articles, comments, localization or ads.")]
    public string Service { get; init; } = "articles";

    [CommandOption("--format <FORMAT>")]
    [Description("parquet or ndjson (by default, from the file's extension).")]
    public string? Format { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("The file to write; if it exists, the export resumes after its last event.")]
    public string Out { get; init; } = "";

    [CommandOption("--types <TYPES>")]
    [Description("Only these event types, comma-separated (e.g. article_published,article_unpublished).")]
    public string? Types { get; init; }

    [CommandOption("--from <TIME>")]
    public DateTimeOffset? From { get; init; }

    [CommandOption("--to <TIME>")]
    public DateTimeOffset? To { get; init; }

    [CommandOption("--stream-id <ID>")]
    public Guid? StreamId { get; init; }

    [CommandOption("--chunk <EVENTS>")]
    [Description("Events a request (and a resumable step); 250,000 by default.")]
    public int Chunk { get; init; } = EventExporter.DefaultChunk;

    public string ResolvedFormat => (Format ?? (Out.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || Out.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? "ndjson" : "parquet")).ToLowerInvariant();

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out FILE is required.")
        : ResolvedFormat is not ("parquet" or "ndjson") ? ValidationResult.Error("--format is parquet or ndjson.")
        : Chunk < 1 ? ValidationResult.Error("--chunk is at least 1.")
        : ValidationResult.Success();
}

/// <summary><c>np events export</c>: a service's history to a file, with a progress bar; run it again to resume or to catch up.</summary>
public sealed class ExportCommand(IAnsiConsole console) : AsyncCommand<ExportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        return await Cli.RunAsync(console, async ct =>
        {
            using var http = await PlatformClient.CreateAsync(settings, ct);
            var exporter = new EventExporter(http) { Chunk = settings.Chunk };
            var filter = new ExportFilter(settings.Types, settings.From, settings.To, settings.StreamId);
            long last = 0;
            await ExportProgress.RunAsync(console, $"{settings.Service} → {settings.Out}", async progress =>
            {
                last = settings.ResolvedFormat == "ndjson"
                    ? await exporter.ExportNdjsonAsync(settings.Service, settings.Out, filter, progress, ct)
                    : await exporter.ExportParquetAsync(settings.Service, settings.Out, filter, progress, ct);
            });
            console.MarkupLineInterpolated($"[green]Exported[/] {settings.Service} to {settings.Out} up to sequence {last} ({new FileInfo(settings.Out).Length / 1e6:F1} MB).");
            return 0;
        }, cancellationToken);
    }
}

/// <summary>A progress bar on the sequence: from where the export resumed to the service's high-water mark.</summary>
public sealed class ExportProgress(ProgressTask task) : IExportProgress
{
    public void Started(long resumedAfter, long highWaterMark)
    {
        task.MaxValue = Math.Max(1, Math.Max(highWaterMark, resumedAfter));
        task.Value = resumedAfter;
    }

    public void Wrote(long lastSequence)
    {
        if (lastSequence > task.MaxValue) task.MaxValue = lastSequence;
        task.Value = lastSequence;
    }

    public static Task RunAsync(IAnsiConsole console, string label, Func<ExportProgress, Task> export) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumnless(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label));
                await export(new ExportProgress(task));
                task.Value = task.MaxValue;
            });

    /// <summary>Events a second (the sequence moves by one an event).</summary>
    private sealed class TransferSpeedColumnless : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed:N0} events/s" : "");
    }
}
