using Marten;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles.History;

public sealed record HistoryEntry(long Version, string Type, DateTimeOffset At, string? Actor, object Data);

/// <summary><c>GET /api/articles/{id}/history</c> (editors, analysts): every event of the story, oldest first.</summary>
public static class HistoryEndpoint
{
    public static async Task<IResult> Handle(Guid id, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) return Problems.NotFound($"No article {id}.");

        response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Ok(events.Select(e => new HistoryEntry(e.Version, e.EventTypeName, e.Timestamp,
            e.Headers?.GetValueOrDefault(TracedSessionFactory.ActorHeader)?.ToString(), e.Data)).ToList());
    }
}
