using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// What analysts read of every service: the event history as NDJSON (<c>GET {prefix}/events</c>), streamed
/// page by page so the whole history is never held in memory, and the daemon's projections
/// (<c>GET {prefix}/projections</c>). Personal data is masked on the way out by the service's
/// <see cref="EventExportMasking"/>.
/// </summary>
public static class EventHistoryEndpoints
{
    public const int PageSize = 500;
    public const int DefaultLimit = 10_000;
    public const int MaxLimit = 1_000_000;

    public sealed record ProjectionStatus(string Name, long Position, long HighWaterMark, string Status);

    public static IEndpointRouteBuilder MapEventHistory(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapGet($"{prefix}/events", StreamEvents).RequireAnyRole(Roles.Analyst);
        app.MapGet($"{prefix}/projections", Projections).RequireAnyRole(Roles.Analyst);
        app.MapPost($"{prefix}/projections/{{name}}/rebuild", Rebuild).RequireAnyRole(Roles.Admin);
        return app;
    }

    private static async Task<IResult> StreamEvents(HttpContext context, IQuerySession session, long? after = null,
        string? types = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int? limit = null)
    {
        var errors = new ValidationErrors();
        if (after < 0) errors.Add("after", "after is a sequence number, 0 or more.");
        if (limit is < 1 or > MaxLimit) errors.Add("limit", $"limit is between 1 and {MaxLimit}.");
        if (from > to) errors.Add("from", "from must not be after to.");
        var typeNames = types?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (typeNames.Any(t => t.Length > 200)) errors.Add("types", "An event type name is at most 200 characters.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var remaining = limit ?? DefaultLimit;
        var position = after ?? 0;
        var ct = context.RequestAborted;

        Task<IReadOnlyList<IEvent>> NextPage()
        {
            var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence > position);
            if (typeNames.Length > 0) query = query.Where(e => e.EventTypeName.IsOneOf(typeNames));
            if (from is not null) query = query.Where(e => e.Timestamp >= from);
            if (to is not null) query = query.Where(e => e.Timestamp <= to);
            return query.OrderBy(e => e.Sequence).Take(Math.Min(PageSize, remaining)).ToListAsync(ct);
        }

        // Personal data never leaves in an export: the service's masks (if it has any) apply to every event written.
        var masking = context.RequestServices.GetService(typeof(EventExportMasking)) as EventExportMasking;

        // The first page is read before the answer starts, so a database failure is still a proper problem (503).
        var page = await NextPage();
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter.AsStream());
        while (page.Count > 0)
        {
            foreach (var e in page)
            {
                Write(writer, e, masking);
                writer.Reset();
                await context.Response.BodyWriter.WriteAsync("\n"u8.ToArray(), ct);
            }

            await context.Response.BodyWriter.FlushAsync(ct);
            position = page[^1].Sequence;
            remaining -= page.Count;
            if (remaining <= 0) break;
            page = await NextPage();
        }

        return Results.Empty;
    }

    private static void Write(Utf8JsonWriter writer, IEvent e, EventExportMasking? masking)
    {
        var data = masking?.Apply(e.Data) ?? e.Data;
        writer.WriteStartObject();
        writer.WriteNumber("sequence", e.Sequence);
        writer.WriteString("streamId", e.StreamId);
        writer.WriteNumber("version", e.Version);
        writer.WriteString("type", e.EventTypeName);
        writer.WriteString("at", e.Timestamp.UtcDateTime);
        writer.WritePropertyName("data");
        JsonSerializer.Serialize(writer, data, data.GetType(), JsonDefaults.Web);
        writer.WriteString("correlationId", e.CorrelationId);
        writer.WriteString("causationId", e.CausationId);
        writer.WriteEndObject();
        writer.Flush();
    }

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
            .Select(p => new ProjectionStatus(p.Name, progress.HighWaterMark, progress.HighWaterMark,
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
