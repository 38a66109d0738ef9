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
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var maxLag = configuration.GetValue("EventStore:MaxProjectionLag", 1000L);
        var progress = await ShardProgress.ReadAsync(store, cancellationToken);
        var data = progress.Shards.ToDictionary(s => s.Name, s => (object)s.Lag(progress.HighWaterMark));
        data["HighWaterMark"] = progress.HighWaterMark;

        var worst = progress.Shards.Select(s => s.Lag(progress.HighWaterMark)).DefaultIfEmpty(0).Max();
        return worst > maxLag
            ? HealthCheckResult.Degraded($"A projection trails the event store by {worst} events.", data: data)
            : HealthCheckResult.Healthy($"Projections trail by at most {worst} events.", data: data);
    }
}
