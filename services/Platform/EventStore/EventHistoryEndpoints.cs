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
/// (<c>GET {prefix}/projections</c>).
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

        // The first page is read before the answer starts, so a database failure is still a proper problem (503).
        var page = await NextPage();
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter.AsStream());
        while (page.Count > 0)
        {
            foreach (var e in page)
            {
                Write(writer, e);
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

    private static void Write(Utf8JsonWriter writer, IEvent e)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sequence", e.Sequence);
        writer.WriteString("streamId", e.StreamId);
        writer.WriteNumber("version", e.Version);
        writer.WriteString("type", e.EventTypeName);
        writer.WriteString("at", e.Timestamp.UtcDateTime);
        writer.WritePropertyName("data");
        JsonSerializer.Serialize(writer, e.Data, e.Data.GetType(), JsonDefaults.Web);
        writer.WriteString("correlationId", e.CorrelationId);
        writer.WriteString("causationId", e.CausationId);
        writer.WriteEndObject();
        writer.Flush();
    }

    private static async Task<IResult> Projections(IDocumentStore store, CancellationToken ct)
    {
        var progress = await ShardProgress.ReadAsync(store, ct);
        return TypedResults.Ok(progress.Shards
            .Select(s => new ProjectionStatus(s.Name, s.Position, progress.HighWaterMark,
                s.AgentStatus?.ToLowerInvariant() ?? (s.Lag(progress.HighWaterMark) == 0 ? "running" : "catching_up")))
            .ToList());
    }
}
