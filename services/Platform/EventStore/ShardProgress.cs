using Marten;

namespace NewsPlatform.Platform.EventStore;

/// <summary>The async daemon's shards and the high-water mark they chase, read once from <c>mt_event_progression</c>.</summary>
public sealed record ShardProgress(long HighWaterMark, IReadOnlyList<ShardProgress.Shard> Shards)
{
    public sealed record Shard(string Name, long Position, string? AgentStatus)
    {
        public long Lag(long highWaterMark) => Math.Max(0, highWaterMark - Position);
    }

    public static async Task<ShardProgress> ReadAsync(IDocumentStore store, CancellationToken ct)
    {
        var rows = await store.Advanced.AllProjectionProgress(token: ct);
        // HighWaterMark and HighWaterAllocationFence are the daemon's own bookkeeping rows, not shards.
        var highWater = rows.FirstOrDefault(s => s.ShardName == "HighWaterMark")?.Sequence ?? 0;
        return new ShardProgress(highWater, [.. rows
            .Where(s => !s.ShardName.StartsWith("HighWater", StringComparison.Ordinal))
            .Select(s => new Shard(s.ShardName, s.Sequence, s.AgentStatus))]);
    }
}
