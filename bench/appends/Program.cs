// Concurrent appends through the platform's event store, for each way of waking the async daemon (docs/decisions/0008).
//
//   dotnet run -c Release --project bench/appends -- "Host=127.0.0.1;Port=56432;Username=postgres" [writers=16] [seconds=10] [rate=100] [modes]
//
// It makes a scratch database, measures a one-row INSERT reference with Npgsql (the same writers, then 8 as pgbench's
// reference in issue 11), and for each mode:
//   throughput  writers append new one-event streams through Marten as fast as they can;
//   latency     appends paced at `rate` a second; a subscription on the daemon records when each event reaches it,
//               the figure is that moment minus the moment SaveChangesAsync returned (as the relay would see it).
// Modes: notify-in-tx (Marten's UseListenNotifyForEventAppends, the old setting), polling (no wake-up at all),
// in-process (after-commit pulse only), after-commit (pulse + coalesced NOTIFY outside the transaction, the choice),
// other-process (the appends come from a second store without a daemon: the daemon only hears the NOTIFY),
// after-commit-<n>ms (after-commit with a least interval of n ms between two wake-ups; the default is none).
// The scratch database is dropped at the end.
using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPlatform.Platform.EventStore;
using Npgsql;
using Weasel.Core;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Appends <connection string> [writers=16] [seconds=10] [rate=100] [modes=notify-in-tx,polling,in-process,after-commit,other-process]");
    return 2;
}

var server = new NpgsqlConnectionStringBuilder(args[0]);
var writers = args.Length > 1 ? int.Parse(args[1]) : 16;
var seconds = args.Length > 2 ? int.Parse(args[2]) : 10;
var rate = args.Length > 3 ? int.Parse(args[3]) : 100;
var modes = (args.Length > 4 ? args[4] : "notify-in-tx,polling,in-process,after-commit,other-process").Split(',');
var duration = TimeSpan.FromSeconds(seconds);

var database = $"np_bench_appends_{DateTime.UtcNow:yyyyMMddHHmmss}";
await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"create database {database}", admin).ExecuteNonQueryAsync();
}

var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, MaxPoolSize = 100 }.ConnectionString;
Console.WriteLine($"database {database}, {writers} writers, {seconds} s a phase, latency at {rate}/s; load {Load()}");
try
{
    var reference = await Reference.InsertsPerSecondAsync(connectionString, writers, duration);
    var reference8 = writers == 8 ? reference : await Reference.InsertsPerSecondAsync(connectionString, 8, duration);
    Console.WriteLine($"reference: one-row INSERT, Npgsql, {writers} clients {reference:F0}/s, 8 clients {reference8:F0}/s; load {Load()}");
    Console.WriteLine();
    Console.WriteLine($"| mode | appends/s ({writers} writers) | ratio to INSERT ({writers}) | ratio to INSERT (8) | latency p50 / p95 / p99 / max (ms) at {rate}/s | load |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var mode in modes)
    {
        var result = await AppendRun.RunAsync(connectionString, mode, writers, duration, rate);
        Console.WriteLine($"| {mode} | {result.PerSecond:F0} | {result.PerSecond / reference:F2} | {result.PerSecond / reference8:F2} | " +
                          $"{result.Latency.P50:F1} / {result.Latency.P95:F1} / {result.Latency.P99:F1} / {result.Latency.Max:F1} " +
                          $"({result.Latency.Count} of {result.Latency.Sent}) | {Load()} |");
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString);
    await admin.OpenAsync();
    await new NpgsqlCommand($"drop database if exists {database} with (force)", admin).ExecuteNonQueryAsync();
}

return 0;

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

public sealed record BenchAppended(Guid Id, int Writer);

public sealed record Latencies(int Sent, int Count, double P50, double P95, double P99, double Max)
{
    public static Latencies Of(int sent, IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Latencies(sent, sorted.Length, At(0.5), At(0.95), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }
}

public sealed record RunResult(double PerSecond, Latencies Latency);

/// <summary>A pgbench-like reference: each client inserts one row a transaction, autocommit.</summary>
public static class Reference
{
    public static async Task<double> InsertsPerSecondAsync(string connectionString, int clients, TimeSpan duration)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand("create table if not exists insert_reference (id bigserial primary key, payload text not null)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        long count = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var insert = new NpgsqlCommand("insert into insert_reference (payload) values ($1)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = "reference" });
            await insert.PrepareAsync();
            while (Stopwatch.GetTimestamp() < until)
            {
                await insert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref count);
            }
        }));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}

/// <summary>Records when each benchmark event reaches the daemon, as the outbox relay would.</summary>
public sealed class ArrivalRecorder : SubscriptionBase
{
    public ConcurrentDictionary<Guid, long> Arrivals { get; } = new();

    public override Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var e in page.Events) Arrivals.TryAdd(e.StreamId, now);
        return Task.FromResult<IChangeListener>(NullChangeListener.Instance);
    }
}

public static class AppendRun
{
    public static async Task<RunResult> RunAsync(string connectionString, string mode, int writers, TimeSpan duration, int rate)
    {
        var schema = "bench_" + mode.Replace('-', '_');
        var recorder = new ArrivalRecorder();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["EventStore:WakeOtherProcesses"] = mode.StartsWith("after-commit") || mode == "other-process" ? "true" : "false",
            // after-commit-<n>ms: the same with another least interval between two wake-ups.
            ["EventStore:WakeupMinimumIntervalMs"] = mode.StartsWith("after-commit-") ? mode["after-commit-".Length..].Replace("ms", "") : null,
        });
        builder.AddPlatformEventStore(schema, options =>
        {
            options.Events.AddEventType<BenchAppended>();
            options.Projections.Subscribe(recorder, s =>
            {
                s.Name = "Arrivals";
                s.Options.BatchSize = 500;
            });
            switch (mode)
            {
                case "notify-in-tx":
                    options.Projections.Wakeup = null;
                    options.Listeners.RemoveAll(l => l is WakeDaemonAfterCommit);
                    options.Events.UseListenNotifyForEventAppends = true;
                    break;
                case "polling":
                    options.Projections.Wakeup = null;
                    options.Listeners.RemoveAll(l => l is WakeDaemonAfterCommit);
                    break;
                case "in-process" or "other-process":
                case not null when mode.StartsWith("after-commit"):
                    break;
                default:
                    throw new ArgumentException($"unknown mode {mode}");
            }
        });

        using var host = builder.Build();
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await WaitForAgentAsync(host.Services.GetRequiredService<IProjectionCoordinator>());

        // other-process: the appends come from a second store in the role of another replica, without a daemon.
        DocumentStore? writerStore = null;
        DaemonWakeup? writerWakeup = null;
        if (mode == "other-process")
        {
            writerWakeup = new DaemonWakeup(connectionString, schema, wakeOtherProcesses: true, NullLogger<DaemonWakeup>.Instance);
            writerStore = DocumentStore.For(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.AutoCreateSchemaObjects = AutoCreate.None;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                options.Events.AddEventType<BenchAppended>();
                options.Listeners.Add(new WakeDaemonAfterCommit(writerWakeup));
            });
        }

        var appendStore = (IDocumentStore?)writerStore ?? store;
        try
        {
            // Warm-up: connections, prepared plans, JIT.
            await AppendAsync(appendStore, writers, TimeSpan.FromSeconds(1), null, null);

            var committed = new ConcurrentDictionary<Guid, long>();
            var perSecond = await AppendAsync(appendStore, writers, duration, null, null);

            recorder.Arrivals.Clear();
            await AppendAsync(appendStore, 4, duration, rate, committed);
            // Give the last ones up to 5 s to arrive.
            var waitUntil = Stopwatch.GetTimestamp() + 5 * Stopwatch.Frequency;
            while (committed.Keys.Any(k => !recorder.Arrivals.ContainsKey(k)) && Stopwatch.GetTimestamp() < waitUntil) await Task.Delay(50);

            var latencies = committed
                .Where(c => recorder.Arrivals.ContainsKey(c.Key))
                .Select(c => Math.Max(0, Stopwatch.GetElapsedTime(c.Value, recorder.Arrivals[c.Key]).TotalMilliseconds));
            return new RunResult(perSecond, Latencies.Of(committed.Count, latencies));
        }
        finally
        {
            if (writerStore is not null) writerStore.Dispose();
            if (writerWakeup is not null) await writerWakeup.DisposeAsync();
            await host.StopAsync();
        }
    }

    private static async Task WaitForAgentAsync(IProjectionCoordinator coordinator)
    {
        var until = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < until)
        {
            try
            {
                if (coordinator.DaemonForMainDatabase().CurrentAgents().Any(a => a.Name.Name == "Arrivals")) return;
            }
            catch (Exception)
            {
                // The daemon is not built yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The daemon did not start the Arrivals subscription within 60 s.");
    }

    /// <summary>
    /// Appends one-event streams from <paramref name="writers"/> concurrent writers, flat out or paced at
    /// <paramref name="rate"/> a second in all; returns appends a second.
    /// </summary>
    private static async Task<double> AppendAsync(IDocumentStore store, int writers, TimeSpan duration, int? rate,
        ConcurrentDictionary<Guid, long>? committed)
    {
        long count = 0;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            var next = Stopwatch.GetTimestamp();
            var interval = rate is { } r ? (long)(Stopwatch.Frequency * (double)writers / r) : 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                if (interval > 0)
                {
                    next += interval;
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                    if (wait > TimeSpan.Zero) await Task.Delay(wait);
                }

                var id = Guid.CreateVersion7();
                await using var session = store.LightweightSession();
                session.Events.StartStream(id, new BenchAppended(id, writer));
                await session.SaveChangesAsync();
                committed?.TryAdd(id, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref count);
            }
        }));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
