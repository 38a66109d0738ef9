using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// How far the async daemon's shards (the relay, async projections) trail the newest committed event.
/// A lagging shard leaves the service able to serve, so it reports Degraded rather than Unhealthy; the
/// figures are in the answer of <c>/health/ready</c>.
/// </summary>
public sealed class ProjectionLagHealthCheck(IDocumentStore store, IConfiguration configuration) : IHealthCheck
{
    public const string HighWaterMark = "HighWaterMark";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var maxLag = configuration.GetValue("EventStore:MaxProjectionLag", 1000L);
        var shards = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var highWater = shards.FirstOrDefault(s => s.ShardName == HighWaterMark)?.Sequence ?? 0;
        // HighWaterMark and HighWaterAllocationFence are the daemon's own bookkeeping rows, not shards.
        var lags = shards.Where(s => !s.ShardName.StartsWith("HighWater", StringComparison.Ordinal))
            .ToDictionary(s => s.ShardName, s => (object)Math.Max(0, highWater - s.Sequence));
        lags[HighWaterMark] = highWater;

        var worst = lags.Where(l => l.Key != HighWaterMark).Select(l => (long)l.Value).DefaultIfEmpty(0).Max();
        return worst > maxLag
            ? HealthCheckResult.Degraded($"A projection trails the event store by {worst} events.", data: lags)
            : HealthCheckResult.Healthy($"Projections trail by at most {worst} events.", data: lags);
    }
}
