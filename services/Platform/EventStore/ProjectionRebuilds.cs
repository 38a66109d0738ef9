using System.Collections.Concurrent;
using System.Reflection;
using JasperFx.Events.Daemon;
using JasperFx.Events.Descriptors;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// Rebuilds a projection from event 1, in the background, one run at a time per projection
/// (<c>POST {prefix}/projections/{name}/rebuild</c>, docs/decisions/0006).
/// <list type="bullet">
/// <item>An inline single-stream projection is rebuilt in place, stream by stream: each document is folded again
/// from its events while the stream is locked, and overwrites the old one, which kept serving until then.</item>
/// <item>Any other projection is rebuilt by the async daemon (which clears it first) on the replica that runs it.</item>
/// <item>Subscriptions (the relay, the count keeper) are not projections: replaying them would publish or append
/// again, so they are never rebuilt.</item>
/// </list>
/// </summary>
public sealed class ProjectionRebuilds(IDocumentStore store, IProjectionCoordinator coordinator, IHostApplicationLifetime lifetime,
    ILogger<ProjectionRebuilds> logger)
{
    private const int StreamsPerPage = 500;
    private readonly ConcurrentDictionary<string, Task> running = new(StringComparer.Ordinal);

    public enum Outcome { Started, AlreadyRunning, UnknownProjection, NotAProjection, RunsElsewhere }

    private StoreOptions Options => (StoreOptions)store.Options;

    /// <summary>The projections of this store by name, with their lifecycle; subscriptions are left out.</summary>
    public IReadOnlyList<(string Name, ProjectionLifecycle Lifecycle)> Projections() =>
        [.. Options.Projections.All
            .Where(p => p.Type != SubscriptionType.Subscription && p.Lifecycle != ProjectionLifecycle.Live)
            .Select(p => (p.Name, p.Lifecycle))];

    public bool IsRebuilding(string name) => running.TryGetValue(name, out var task) && !task.IsCompleted;

    public Outcome Start(string requested, out string name)
    {
        var source = Options.Projections.All.FirstOrDefault(p => string.Equals(p.Name, requested, StringComparison.OrdinalIgnoreCase));
        name = source?.Name ?? requested;
        if (source is null)
        {
            return Options.Projections.AllShards().Any(s => string.Equals(s.Name.Name, requested, StringComparison.OrdinalIgnoreCase))
                ? Outcome.NotAProjection
                : Outcome.UnknownProjection;
        }

        if (source.Type == SubscriptionType.Subscription || source.Lifecycle == ProjectionLifecycle.Live) return Outcome.NotAProjection;

        var projection = source.Name;
        Func<CancellationToken, Task> rebuild;
        if (source.Lifecycle == ProjectionLifecycle.Inline && SingleStreamDocumentType(source.GetType()) is { } documentType)
        {
            var method = typeof(ProjectionRebuilds).GetMethod(nameof(RebuildStreamsAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(documentType);
            rebuild = ct => (Task)method.Invoke(this, [projection, ct])!;
        }
        else
        {
            var daemon = coordinator.DaemonForMainDatabase();
            // HotCold: an async projection runs on one replica; its rebuild stops that replica's agent, so only that
            // replica may run it. A request that lands elsewhere is told to retry (the gateway spreads retries).
            if (source.Lifecycle == ProjectionLifecycle.Async && !daemon.CurrentAgents().Any(a => a.Name.Name == projection))
            {
                return Outcome.RunsElsewhere;
            }

            rebuild = ct => daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(30), ct);
        }

        lock (running)
        {
            if (IsRebuilding(projection)) return Outcome.AlreadyRunning;
            running[projection] = Task.Run(() => RunAsync(projection, rebuild));
        }

        return Outcome.Started;
    }

    private async Task RunAsync(string projection, Func<CancellationToken, Task> rebuild)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            logger.LogInformation("Rebuilding projection {Projection} from event 1", projection);
            await rebuild(lifetime.ApplicationStopping);
            logger.LogInformation("Rebuilt projection {Projection} in {Elapsed}", projection, TimeProvider.System.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            logger.LogWarning("Rebuild of projection {Projection} stopped with the process; ask for it again", projection);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Rebuild of projection {Projection} failed", projection);
        }
    }

    /// <summary>
    /// Folds every stream again into <typeparamref name="TDocument"/>. The stream's row is locked while its document
    /// is folded and stored, so an append that races the rebuild waits instead of being overwritten by an older fold.
    /// A stream of another kind folds to nothing and is left alone.
    /// </summary>
    private async Task RebuildStreamsAsync<TDocument>(string projection, CancellationToken ct) where TDocument : class
    {
        var streams = $"{Options.Events.DatabaseSchemaName}.mt_streams";
        var after = Guid.Empty;
        var rebuilt = 0;
        while (true)
        {
            IReadOnlyList<Guid> page;
            await using (var query = store.QuerySession())
            {
                page = await query.QueryAsync<Guid>($"select id from {streams} where id > ? order by id limit {StreamsPerPage}", ct, after);
            }

            if (page.Count == 0) break;
            foreach (var id in page)
            {
                await using var session = store.LightweightSession();
                await session.Events.FetchForExclusiveWriting<TDocument>(id, ct);
                var document = await session.Events.AggregateStreamAsync<TDocument>(id, token: ct);
                if (document is null) continue;
                session.Store(document);
                await session.SaveChangesAsync(ct);
                rebuilt++;
            }

            after = page[^1];
        }

        logger.LogInformation("Projection {Projection}: {Count} documents folded again from their streams", projection, rebuilt);
    }

    private static Type? SingleStreamDocumentType(Type projectionType)
    {
        for (var type = projectionType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition().Name.StartsWith("SingleStreamProjection", StringComparison.Ordinal))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
