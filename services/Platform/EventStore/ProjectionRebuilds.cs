using System.Collections.Concurrent;
using System.Reflection;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Descriptors;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// Rebuilds a projection from event 1, in the background, one run at a time per projection
/// (<c>POST {prefix}/projections/{name}/rebuild</c>, docs/decisions/0006).
/// <list type="bullet">
/// <item>An inline single-stream projection is rebuilt in place, a page of streams per transaction (docs/decisions/0009):
/// each document is folded again from its events while its stream is locked, and overwrites the old one, which kept
/// serving until then.</item>
/// <item>Any other projection is rebuilt by the async daemon (which clears it first) on the replica that runs it.</item>
/// <item>Subscriptions (the relay, the count keeper) are not projections: replaying them would publish or append
/// again, so they are never rebuilt.</item>
/// </list>
/// </summary>
public sealed class ProjectionRebuilds(IDocumentStore store, IProjectionCoordinator coordinator, IHostApplicationLifetime lifetime,
    ILogger<ProjectionRebuilds> logger)
{
    /// <summary>A page of a rebuild, one transaction: at most this many streams, holding about <see cref="EventsPerPage"/> events.</summary>
    public int StreamsPerPage { get; set; } = 2_000;

    public int EventsPerPage { get; set; } = 10_000;
    private readonly ConcurrentDictionary<string, Task> running = new(StringComparer.Ordinal);

    public enum Outcome { Started, AlreadyRunning, UnknownProjection, NotAProjection, RunsElsewhere }

    private StoreOptions Options => (StoreOptions)store.Options;

    /// <summary>The projections of this store by name, with their lifecycle; subscriptions are left out.</summary>
    public IReadOnlyList<(string Name, ProjectionLifecycle Lifecycle)> Projections() =>
        [.. Options.Projections.All
            .Where(p => p.Type != SubscriptionType.Subscription && p.Lifecycle != ProjectionLifecycle.Live)
            .Select(p => (p.Name, p.Lifecycle))];

    public bool IsRebuilding(string name) => running.TryGetValue(name, out var task) && !task.IsCompleted;

    private readonly ConcurrentDictionary<string, long> foldedEvents = new(StringComparer.Ordinal);

    /// <summary>How many events a running in-place rebuild has folded again so far (its progress, for <c>np projections rebuild --wait</c>).</summary>
    public long? FoldedEvents(string name) => IsRebuilding(name) && foldedEvents.TryGetValue(name, out var events) ? events : null;

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
            var method = typeof(ProjectionRebuilds).GetMethod(nameof(RebuildStreamsAsync), BindingFlags.Public | BindingFlags.Instance)!
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
    /// Folds every stream again into <typeparamref name="TDocument"/>, a page of streams per transaction
    /// (docs/decisions/0009): the page's stream rows are locked, all their events are read in one query, each stream is
    /// folded in memory by the projection itself and the documents are written back in one batch. The old documents keep
    /// serving until their page commits; an append to a stream of the page waits for that commit instead of being
    /// overwritten by an older fold. A stream of another kind folds to nothing and is left alone.
    /// </summary>
    public async Task<RebuildReport> RebuildStreamsAsync<TDocument>(string projection, CancellationToken ct) where TDocument : class
    {
        if (Options.Projections.AggregatorFor<TDocument>() is not IAggregator<TDocument, Guid, IQuerySession> aggregator)
        {
            throw new InvalidOperationException($"{projection} does not fold {typeof(TDocument).Name} documents by stream id.");
        }

        var started = TimeProvider.System.GetTimestamp();
        var after = Guid.Empty;
        long events = 0, documents = 0, streams = 0;
        foldedEvents[projection] = 0;
        while (true)
        {
            var page = await RebuildPageWithRetriesAsync(aggregator, after, ct);
            if (page.Streams == 0) break;
            streams += page.Streams;
            events += page.Events;
            foldedEvents[projection] = events;
            documents += page.Documents;
            after = page.LastStream;
        }

        var report = new RebuildReport(streams, events, documents, TimeProvider.System.GetElapsedTime(started));
        logger.LogInformation("Projection {Projection}: {Documents} documents folded again from {Events} events of {Streams} streams in {Elapsed}",
            projection, documents, events, streams, report.Elapsed);
        return report;
    }

    public sealed record RebuildReport(long Streams, long Events, long Documents, TimeSpan Elapsed);

    private sealed record PageResult(int Streams, long Events, long Documents, Guid LastStream);

    private async Task<PageResult> RebuildPageWithRetriesAsync<TDocument>(IAggregator<TDocument, Guid, IQuerySession> aggregator,
        Guid after, CancellationToken ct) where TDocument : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RebuildPageAsync(aggregator, after, ct);
            }
            catch (Exception failure) when (attempt < 5 && IsTransient(failure))
            {
                // An append that holds two of the page's streams in another order can deadlock with the page's locks;
                // PostgreSQL cancels one of the two, and the page is simply folded again.
                logger.LogInformation(failure, "Rebuild page after stream {After} is retried (attempt {Attempt})", after, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
            }
        }
    }

    private static bool IsTransient(Exception failure) =>
        (failure as PostgresException ?? failure.InnerException as PostgresException)?.SqlState is
            PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable;

    private async Task<PageResult> RebuildPageAsync<TDocument>(IAggregator<TDocument, Guid, IQuerySession> aggregator, Guid after,
        CancellationToken ct) where TDocument : class
    {
        var streams = $"{Options.Events.DatabaseSchemaName}.mt_streams";
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(ct);

        // The next streams in id order, as many as hold about EventsPerPage events (at least one stream), then their
        // rows locked in the same order, so that two rebuilds or a rebuild and an append cannot wait on each other
        // for long.
        var candidates = await session.QueryAsync<Guid>(
            $"select id from (select id, version, sum(version) over (order by id) as running from " +
            $"(select id, version from {streams} where id > ? order by id limit {StreamsPerPage}) next) s " +
            $"where running - version < {EventsPerPage} order by id", ct, after);
        if (candidates.Count == 0) return new PageResult(0, 0, 0, after);
        var ids = (await session.QueryAsync<Guid>($"select id from {streams} where id = ANY(?) order by id for update", ct, candidates.ToArray())).ToArray();

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var storage = await session.FetchProjectionStorageAsync<TDocument, Guid>(session.TenantId, ct);
        long documents = 0;
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var document = await aggregator.BuildAsync([.. stream], session, null, stream.Key, storage, ct);
            if (document is null) continue;
            session.Store(document);
            documents++;
        }

        await session.SaveChangesAsync(ct);
        return new PageResult(candidates.Count, events.Count, documents, candidates[^1]);
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
