// Rebuild of an inline single-stream projection at batch speed (docs/decisions/0009).
//
//   dotnet run -c Release --project bench/rebuilds -- "Host=127.0.0.1;Port=56432;Username=postgres" [events=100000] [eventsPerStream=5]
//
// In a scratch database (dropped at the end) it seeds `events` events through Marten, `eventsPerStream` to a stream,
// with the projection inline (so every document exists, as in a service), damages every document, and then times:
//   rebuild      ProjectionRebuilds, a page of streams per transaction, while 4 readers load random documents
//                (a reader that finds no document counts as a miss: there must be none);
//   references   the seeding itself (Marten appends with the inline projection, same run), reading every event back
//                through Marten in pages of 10,000, and the old stream-by-stream rebuild (one transaction a stream) on
//                the first 1,000 streams.
// Then it checks that every document equals its fold.
using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPlatform.Platform.EventStore;
using Npgsql;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Rebuilds <connection string> [events=100000] [eventsPerStream=5]");
    return 2;
}

var server = new NpgsqlConnectionStringBuilder(args[0]);
var totalEvents = args.Length > 1 ? int.Parse(args[1]) : 100_000;
var perStream = args.Length > 2 ? int.Parse(args[2]) : 5;
var streamCount = totalEvents / perStream;
var database = $"np_bench_rebuilds_{DateTime.UtcNow:yyyyMMddHHmmss}";
string Postgres(string db) => new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = db }.ConnectionString;
static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

await using (var admin = new NpgsqlConnection(Postgres("postgres")))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"create database {database}", admin).ExecuteNonQueryAsync();
}

try
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = Postgres(database) });
    builder.AddPlatformEventStore("bench_rebuild", options =>
    {
        options.Events.AddEventType<TallyOpened>();
        options.Events.AddEventType<TallyAdded>();
        options.Projections.Add<TallyProjection>(ProjectionLifecycle.Inline);
    });
    using var host = builder.Build();
    await host.StartAsync();
    var store = host.Services.GetRequiredService<IDocumentStore>();
    var rebuilds = host.Services.GetRequiredService<ProjectionRebuilds>();
    Console.WriteLine($"database {database}: {streamCount} streams of {perStream} events; load {Load()}");

    // Seed: 500 streams a transaction, the inline projection writing each document as a service would.
    var ids = Enumerable.Range(0, streamCount).Select(_ => Guid.CreateVersion7()).ToArray();
    var seedStarted = Stopwatch.GetTimestamp();
    foreach (var chunk in ids.Chunk(500))
    {
        await using var session = store.LightweightSession();
        foreach (var id in chunk)
        {
            session.Events.StartStream(id, [new TallyOpened(id), .. Enumerable.Range(1, perStream - 1).Select(i => (object)new TallyAdded(i))]);
        }

        await session.SaveChangesAsync();
    }

    var seedSeconds = Stopwatch.GetElapsedTime(seedStarted).TotalSeconds;
    Console.WriteLine($"seeded {totalEvents} events in {seedSeconds:F1} s: {totalEvents / seedSeconds:F0} events/s; load {Load()}");

    // Reference: every event read back through Marten.
    var readStarted = Stopwatch.GetTimestamp();
    long read = 0, after = 0;
    await using (var query = store.QuerySession())
    {
        while (true)
        {
            var page = await query.Events.QueryAllRawEvents().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(10_000).ToListAsync();
            if (page.Count == 0) break;
            read += page.Count;
            after = page[^1].Sequence;
        }
    }

    var readSeconds = Stopwatch.GetElapsedTime(readStarted).TotalSeconds;
    Console.WriteLine($"read back {read} events in {readSeconds:F1} s: {read / readSeconds:F0} events/s; load {Load()}");

    // Reference: the old rebuild, one stream a transaction, on the first 1,000 streams.
    var sample = ids.Take(1000).ToArray();
    var oldStarted = Stopwatch.GetTimestamp();
    foreach (var id in sample)
    {
        await using var session = store.LightweightSession();
        await session.Events.FetchForExclusiveWriting<Tally>(id);
        var document = await session.Events.AggregateStreamAsync<Tally>(id);
        session.Store(document!);
        await session.SaveChangesAsync();
    }

    var oldSeconds = Stopwatch.GetElapsedTime(oldStarted).TotalSeconds;
    var oldRate = sample.Length * perStream / oldSeconds;
    Console.WriteLine($"old stream-by-stream rebuild of {sample.Length} streams: {oldSeconds:F1} s, {oldRate:F0} events/s; load {Load()}");

    await using (var connection = new NpgsqlConnection(Postgres(database)))
    {
        await connection.OpenAsync();
        await new NpgsqlCommand("update bench_rebuild.mt_doc_tally set data = jsonb_set(data, '{total}', '-1')", connection).ExecuteNonQueryAsync();
    }

    // The rebuild, with readers.
    using var stop = new CancellationTokenSource();
    long reads = 0, misses = 0;
    var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            await using var query = store.QuerySession();
            var found = await query.LoadAsync<Tally>(ids[Random.Shared.Next(ids.Length)]);
            Interlocked.Increment(ref reads);
            if (found is null) Interlocked.Increment(ref misses);
        }
    })).ToArray();
    var loadBefore = Load();
    var report = await rebuilds.RebuildStreamsAsync<Tally>("Tally", CancellationToken.None);
    await stop.CancelAsync();
    await Task.WhenAll(readers);
    var rate = report.Events / report.Elapsed.TotalSeconds;
    Console.WriteLine($"rebuild: {report.Events} events, {report.Streams} streams, {report.Documents} documents in {report.Elapsed.TotalSeconds:F1} s: " +
                      $"{rate:F0} events/s; load {loadBefore} -> {Load()}");
    Console.WriteLine($"readers during the rebuild: {reads} loads, {misses} misses");

    long wrong = 0;
    await using (var query = store.QuerySession())
    {
        var expectedTotal = Enumerable.Range(1, perStream - 1).Sum();
        foreach (var chunk in ids.Chunk(1000))
        {
            var documents = await query.LoadManyAsync<Tally>(chunk);
            wrong += chunk.Length - documents.Count(d => d.Total == expectedTotal && d.Count == perStream - 1 && d.Version == perStream);
        }
    }

    Console.WriteLine($"documents not equal to their fold after the rebuild: {wrong}");
    Console.WriteLine();
    Console.WriteLine("| figure | value | reference (same run) | ratio | load |");
    Console.WriteLine("|---|---|---|---|---|");
    Console.WriteLine($"| rebuild, {totalEvents} events | {rate:F0} events/s | Marten append (seed) {totalEvents / seedSeconds:F0} events/s | {rate / (totalEvents / seedSeconds):F2} | {loadBefore} |");
    Console.WriteLine($"| rebuild, {totalEvents} events | {rate:F0} events/s | Marten read of all events {read / readSeconds:F0} events/s | {rate / (read / readSeconds):F2} | {loadBefore} |");
    Console.WriteLine($"| rebuild, {totalEvents} events | {rate:F0} events/s | old stream-by-stream rebuild {oldRate:F0} events/s | {rate / oldRate:F1} | {loadBefore} |");
    await host.StopAsync();
    return wrong == 0 && misses == 0 ? 0 : 1;
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(Postgres("postgres"));
    await admin.OpenAsync();
    await new NpgsqlCommand($"drop database if exists {database} with (force)", admin).ExecuteNonQueryAsync();
}

public sealed record TallyOpened(Guid Id);

public sealed record TallyAdded(int Amount);

public sealed record Tally(Guid Id, int Count, long Total, long Version);

public sealed class TallyProjection : SingleStreamProjection<Tally, Guid>
{
    public override Tally? Evolve(Tally? snapshot, Guid id, IEvent e) => e.Data switch
    {
        TallyOpened => new Tally(id, 0, 0, e.Version),
        TallyAdded added when snapshot is not null => snapshot with { Count = snapshot.Count + 1, Total = snapshot.Total + added.Amount, Version = e.Version },
        _ => snapshot,
    };
}
