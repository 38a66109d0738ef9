// The analyst export at scale (docs/decisions/0019, issue 15: >= 100k events/s for NDJSON and Parquet on 1M events).
//
//   dotnet run -c Release --project bench/exports -- "Host=127.0.0.1;Port=55432;Username=postgres" [events=1000000] [out-dir]
//
// In a scratch database (dropped at the end) it seeds `events` article events with COPY (5 to a stream, the JSON Marten
// writes for the real event records), starts the platform's event history endpoint on Kestrel (the same code the
// services map, behind JWT), and times GET /api/articles/events as NDJSON, NDJSON with gzip and Parquet, each read to
// the end by an HttpClient on this machine. With out-dir it keeps the Parquet file (out-dir/articles/part-*.parquet) for `np report --data out-dir --offline`.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform;
using NewsPlatform.Platform.EventStore;
using Npgsql;
using NpgsqlTypes;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Exports <connection string> [events=1000000] [out-dir]");
    return 2;
}

var server = new NpgsqlConnectionStringBuilder(args[0]);
var total = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
var outDir = args.Length > 2 ? args[2] : null;
var database = $"np_bench_exports_{DateTime.UtcNow:yyyyMMddHHmmss}";
string Postgres(string db) => new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = db }.ConnectionString;
static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

await using (var admin = new NpgsqlConnection(Postgres("postgres")))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"create database {database}", admin).ExecuteNonQueryAsync();
}

var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = Postgres(database), ["Auth:SigningKey"] = key, ["Telemetry:SampleRatio"] = "0",
    });
    builder.AddServiceDefaults("bench-exports");
    builder.AddPlatformEventStore("articles", options => options.Events.AddEventType<ArticleDrafted>());
    await using var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.StartAsync();
    var url = app.Urls.First();

    var seedStarted = Stopwatch.GetTimestamp();
    await Seed(Postgres(database), total);
    var seedSeconds = Stopwatch.GetElapsedTime(seedStarted).TotalSeconds;
    Console.WriteLine($"database {database}: seeded {total:N0} events with COPY in {seedSeconds:F1} s; load {Load()}");

    var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "news-platform", Audience = "news-platform", Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["sub"] = "bench", ["role"] = "analyst" },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
    using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10),
    };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    async Task<(double Seconds, long Bytes, double Cpu)> Export(string query, string? accept = null, bool gzip = false, string? keep = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/events?{query}");
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        if (gzip) request.Headers.AcceptEncoding.ParseAdd("gzip");
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream sink = keep is null ? Stream.Null : File.Create(keep);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            await sink.WriteAsync(buffer.AsMemory(0, read));
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, bytes, cpu);
    }

    // Warm-up: JIT past its first tier, pools, the event type shapes.
    await Export($"limit={Math.Min(total, 100_000)}");
    await Export($"limit={Math.Min(total, 100_000)}&format=parquet");
    var results = new List<(string Name, double Seconds, long Bytes, double Cpu)>();
    var ndjson = await Export($"limit={total}");
    results.Add(("ndjson", ndjson.Seconds, ndjson.Bytes, ndjson.Cpu));
    var gzipped = await Export($"limit={total}", gzip: true);
    results.Add(("ndjson+gzip", gzipped.Seconds, gzipped.Bytes, gzipped.Cpu));
    var parquet = await Export($"limit={total}&format=parquet", keep: outDir is null ? null : KeptPart(outDir, total));
    results.Add(("parquet", parquet.Seconds, parquet.Bytes, parquet.Cpu));
    // CPU of this process (the endpoint and the client reading it; PostgreSQL not included): a figure the load of
    // other processes on a shared machine does not change as much as the wall clock.
    foreach (var (name, seconds, bytes, cpu) in results)
    {
        Console.WriteLine($"export {name}: {total:N0} events, {bytes / 1e6:F1} MB in {seconds:F2} s: {total / seconds:F0} events/s; " +
            $"{cpu:F2} CPU-s in this process ({total / cpu:F0} events per CPU-s); load {Load()}");
    }

    // The CLI against the same endpoint, as a process: its rate, and its peak memory (flat: it streams to the file).
    var np = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tools", "np", "bin", "Release", "net10.0", "np.dll");
    if (File.Exists(np))
    {
        foreach (var (format, file) in new[] { ("parquet", "np-export.parquet"), ("ndjson", "np-export.ndjson") })
        {
            var output = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{file}");
            var started = Stopwatch.GetTimestamp();
            var (exit, peakKb) = await RunMeasured("dotnet", [np, "events", "export", "--service", "articles", "--format", format, "--out", output,
                "--gateway", url, "--token", token]);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"np events export {format}: exit {exit}, {total:N0} events, {new FileInfo(output).Length / 1e6:F1} MB in {seconds:F2} s: " +
                $"{total / seconds:F0} events/s; peak RSS {peakKb / 1024} MB; load {Load()}");
            File.Delete(output);
        }
    }

    await app.StopAsync();
    return 0;
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(Postgres("postgres"));
    await admin.OpenAsync();
    await new NpgsqlCommand($"drop database if exists {database} with (force)", admin).ExecuteNonQueryAsync();
}

// Article histories as the articles service writes them: drafted, edited, published, featured, unpublished, five to a
// stream, the data in Marten's JSON (C# names, enums as names) of the real records, written with binary COPY.
static async Task Seed(string connectionString, int total)
{
    var marten = new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    var sections = new[] { "politics", "business", "sport", "world", "local", "culture" };
    var start = new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);
    // No command timeout: on a busy machine a million rows may take longer than the default 30 s.
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
    await connection.OpenAsync();
    var streams = (total + 4) / 5;
    var ids = Enumerable.Range(0, streams).Select(_ => Guid.CreateVersion7()).ToArray();
    await using (var copy = await connection.BeginBinaryImportAsync(
        "copy articles.mt_streams (id, type, version, timestamp, created, tenant_id, is_archived) from stdin (format binary)"))
    {
        for (var s = 0; s < streams; s++)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(ids[s], NpgsqlDbType.Uuid);
            await copy.WriteAsync("article", NpgsqlDbType.Varchar);
            await copy.WriteAsync((long)Math.Min(5, total - s * 5), NpgsqlDbType.Bigint);
            await copy.WriteAsync(start.AddMinutes(s), NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(start.AddMinutes(s), NpgsqlDbType.TimestampTz);
            await copy.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar);
            await copy.WriteAsync(false, NpgsqlDbType.Boolean);
        }

        await copy.CompleteAsync();
    }

    await using (var copy = await connection.BeginBinaryImportAsync(
        "copy articles.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, is_archived) from stdin (format binary)"))
    {
        for (var n = 0; n < total; n++)
        {
            var s = n / 5;
            var version = n % 5 + 1;
            var id = ids[s];
            var at = start.AddMinutes(s).AddSeconds(version * 90);
            var section = sections[s % sections.Length];
            object data = version switch
            {
                1 => new ArticleDrafted(id, $"story-{s}", $"Story {s}: the cyclone season", $"What story {s} tells.",
                    $"<p>The body of story {s}, with a few sentences of text to make it the size of a short article.</p>",
                    section, ["cyclone", "weather"], ["Priya"], s % 3 == 0 ? "fr" : "en", false, at),
                2 => new ArticleEdited(id, $"Story {s}: the cyclone season", $"What story {s} tells.", $"<p>The body of story {s}, edited.</p>",
                    section, ["cyclone", "weather"], ["Priya"], false, at),
                3 => new ArticlePublished(id, $"story-{s}", $"Story {s}: the cyclone season", $"What story {s} tells.", section,
                    ["cyclone", "weather"], s % 3 == 0 ? "fr" : "en", false, at),
                4 => new ArticleFeatured(id, at),
                _ => new ArticleUnpublished(id, "Out of date", at),
            };
            var type = data.GetType();
            await copy.StartRowAsync();
            await copy.WriteAsync((long)n + 1, NpgsqlDbType.Bigint);
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(id, NpgsqlDbType.Uuid);
            await copy.WriteAsync((long)version, NpgsqlDbType.Bigint);
            await copy.WriteAsync(JsonSerializer.Serialize(data, type, marten), NpgsqlDbType.Jsonb);
            await copy.WriteAsync(Snake(type.Name), NpgsqlDbType.Varchar);
            await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar);
            await copy.WriteAsync($"{type.FullName}, {type.Assembly.GetName().Name}", NpgsqlDbType.Varchar);
            await copy.WriteAsync(Guid.NewGuid().ToString("N"), NpgsqlDbType.Varchar);
            await copy.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Varchar);
            await copy.WriteAsync(false, NpgsqlDbType.Boolean);
        }

        await copy.CompleteAsync();
    }

    await new NpgsqlCommand($"select setval('articles.mt_events_sequence', {total}); analyze articles.mt_events", connection).ExecuteNonQueryAsync();
}

// Runs a process to its end, sampling its resident memory; returns its exit code and its peak RSS in KB.
static async Task<(int Exit, long PeakKb)> RunMeasured(string file, string[] arguments)
{
    var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments) start.ArgumentList.Add(argument);
    using var process = Process.Start(start)!;
    var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    long peak = 0;
    while (!process.HasExited)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null) peak = Math.Max(peak, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        }
        catch (IOException)
        {
            // It ended between two looks.
        }

        await Task.Delay(50);
    }

    await drain;
    return (process.ExitCode, peak);
}

// Where `np report --data DIR --offline` finds a service's history: DIR/articles/part-{last sequence}.parquet.
static string KeptPart(string directory, long last)
{
    Directory.CreateDirectory(Path.Combine(directory, "articles"));
    return Path.Combine(directory, "articles", $"part-{last:D19}.parquet");
}

static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
