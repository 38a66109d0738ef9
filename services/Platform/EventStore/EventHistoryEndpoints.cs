using System.IO.Compression;
using System.IO.Pipelines;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.EventStore.Export;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// What analysts read of every service: the event history as NDJSON or Parquet (<c>GET {prefix}/events</c>), streamed
/// a keyset page (one Parquet row group) at a time so the whole history is never held in memory (docs/decisions/0019), and the daemon's projections
/// (<c>GET {prefix}/projections</c>). Personal data is masked on the way out by the service's
/// <see cref="EventExportMasking"/>.
/// </summary>
public static class EventHistoryEndpoints
{
    public sealed record ProjectionStatus(string Name, long Position, long HighWaterMark, string Status);

    public static IEndpointRouteBuilder MapEventHistory(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapGet($"{prefix}/events", StreamEvents).RequireAnyRole(Roles.Analyst);
        app.MapGet($"{prefix}/projections", Projections).RequireAnyRole(Roles.Analyst);
        app.MapPost($"{prefix}/projections/{{name}}/rebuild", Rebuild).RequireAnyRole(Roles.Admin);
        return app;
    }

    private static async Task<IResult> StreamEvents(HttpContext context, IDocumentStore store, long? after = null,
        string? types = null, DateTimeOffset? from = null, DateTimeOffset? to = null, Guid? streamId = null, long? limit = null,
        string? format = null)
    {
        var (filter, errors) = EventExportFilter.Parse(after, types, from, to, streamId, limit);
        var parquet = format?.ToLowerInvariant() switch
        {
            null or "" => context.Request.Headers.Accept.Any(a => a?.Contains(ParquetEventExport.MediaType, StringComparison.OrdinalIgnoreCase) == true),
            "parquet" => true,
            "ndjson" => false,
            _ => (bool?)null,
        };
        if (parquet is null) (errors ??= [])["format"] = ["format is ndjson or parquet."];
        if (errors is not null) return Problems.Validation(errors);

        // Personal data never leaves in an export: the service's masks (if it has any) apply to every event written.
        var pages = new EventPages(store, context.RequestServices.GetService(typeof(EventExportMasking)) as EventExportMasking);
        var ct = context.RequestAborted;
        var capacity = (int)Math.Min(parquet == true ? ParquetEventExport.RowGroupSize : NdjsonEventExport.PageSize, filter!.Limit);
        await using var reads = pages.ReadAllAsync(filter, capacity, ct).GetAsyncEnumerator(ct);

        // The first page is read before the answer starts, so a database failure is still a proper problem (503).
        var more = await reads.MoveNextAsync();
        context.Response.Headers.CacheControl = "no-store";
        if (parquet == true)
        {
            context.Response.ContentType = ParquetEventExport.MediaType;
            var body = context.Response.Body;
            var buffer = new RowGroupBuffer();
            await using (var export = await ParquetEventExport.CreateAsync(buffer, capacity, ct))
            {
                for (; more; more = await reads.MoveNextAsync())
                {
                    await export.WriteAsync(pages, reads.Current, ct);
                    await buffer.DrainToAsync(body, ct);
                }
            }

            await buffer.DrainToAsync(body, ct);
            return Results.Empty;
        }

        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        GZipStream? compressed = null;
        var output = context.Response.BodyWriter;
        if (AcceptsGzip(context.Request))
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.Headers.Vary = "Accept-Encoding";
            compressed = new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            output = PipeWriter.Create(compressed, new StreamPipeWriterOptions(leaveOpen: true));
        }

        await using (var writer = new Utf8JsonWriter(output, NdjsonEventExport.WriterOptions))
        {
            for (; more; more = await reads.MoveNextAsync())
            {
                NdjsonEventExport.Write(pages, reads.Current, writer, output);
                await output.FlushAsync(ct);
            }
        }

        if (compressed is not null)
        {
            await output.CompleteAsync();
            await compressed.DisposeAsync();
        }

        return Results.Empty;
    }

    /// <summary>gzip when the caller lists it (and not with <c>q=0</c>); fastest level: the export is bound by the CPU.</summary>
    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.SelectMany(v => (v ?? "").Split(','))
            .Select(v => v.Split(';', StringSplitOptions.TrimEntries))
            .Any(v => v[0].Equals("gzip", StringComparison.OrdinalIgnoreCase)
                && !v.Skip(1).Any(p => p.Replace(" ", "") is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));

    /// <summary>
    /// The daemon's shards (async projections and subscriptions) with their position, and the inline projections,
    /// which are written with their events and so always stand at the high-water mark.
    /// </summary>
    private static async Task<IResult> Projections(IDocumentStore store, ProjectionRebuilds rebuilds, CancellationToken ct)
    {
        var progress = await ShardProgress.ReadAsync(store, ct);
        var shards = progress.Shards
            .Select(s => new ProjectionStatus(s.Name, s.Position, progress.HighWaterMark,
                rebuilds.IsRebuilding(s.Name.Split(':')[0]) ? "rebuilding"
                : s.AgentStatus?.ToLowerInvariant() ?? (s.Lag(progress.HighWaterMark) == 0 ? "running" : "catching_up")));
        var inline = rebuilds.Projections()
            .Where(p => p.Lifecycle == JasperFx.Events.Projections.ProjectionLifecycle.Inline)
            .Select(p => rebuilds.FoldedEvents(p.Name) is { } folded
                // Rebuilding in place: its position is how far the fold has come (events folded again, of about the mark).
                ? new ProjectionStatus(p.Name, Math.Min(folded, progress.HighWaterMark), progress.HighWaterMark, "rebuilding")
                : new ProjectionStatus(p.Name, progress.HighWaterMark, progress.HighWaterMark,
                    rebuilds.IsRebuilding(p.Name) ? "rebuilding" : "inline"));
        return TypedResults.Ok(inline.Concat(shards).ToList());
    }

    /// <summary><c>POST {prefix}/projections/{name}/rebuild</c>: 202 and the rebuild runs in the background.</summary>
    private static IResult Rebuild(string name, ProjectionRebuilds rebuilds, HttpRequest request) =>
        rebuilds.Start(name, out var projection) switch
        {
            ProjectionRebuilds.Outcome.Started or ProjectionRebuilds.Outcome.AlreadyRunning =>
                TypedResults.Accepted($"{request.PathBase}{request.Path.Value![..request.Path.Value!.IndexOf("/projections/", StringComparison.Ordinal)]}/projections",
                    new { name = projection, status = "rebuilding" }),
            ProjectionRebuilds.Outcome.NotAProjection =>
                Problems.Conflict($"{projection} is a subscription: it publishes or reacts to events, so replaying it would do that again. Only projections are rebuilt."),
            ProjectionRebuilds.Outcome.RunsElsewhere =>
                TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                        detail: $"{projection} runs on another replica of this service; ask again and the gateway may reach it.")
                    .WithHeaders(("Retry-After", "1")),
            _ => Problems.NotFound($"No projection is named {projection}."),
        };
}
