using System.Diagnostics;
using System.Globalization;

// Usage: AdLoad <base-url> <rate per second> <seconds> <path> [<path> ...]
// Sends GET requests at a fixed rate (open loop: a slow answer does not slow the sender down) for a warm-up of
// 5 s, then for the measured seconds, and prints the latency percentiles of the measured ones. Latency runs from
// the moment a request was due, not from when it left, so a stalled sender cannot hide queueing (no coordinated
// omission).
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: AdLoad <base-url> <rate> <seconds> <path> [<path> ...]");
    return 2;
}

var baseUrl = new Uri(args[0]);
var rate = int.Parse(args[1], CultureInfo.InvariantCulture);
var seconds = int.Parse(args[2], CultureInfo.InvariantCulture);
var paths = args[3..];
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
{
    BaseAddress = baseUrl,
    Timeout = TimeSpan.FromSeconds(10),
};

await RunAsync(rate, 5, record: false);
var (latencies, statuses, elapsed) = await RunAsync(rate, seconds, record: true);

Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Length) - 1, 0, latencies.Length - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{latencies.Length} requests in {elapsed.TotalSeconds:0.0} s ({latencies.Length / elapsed.TotalSeconds:0} req/s, target {rate}): " +
    $"p50 {Percentile(0.50):0.00} ms, p90 {Percentile(0.90):0.00} ms, p99 {Percentile(0.99):0.00} ms, max {latencies[^1]:0.00} ms"));
Console.WriteLine("statuses: " + string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
return statuses.All(s => s is 200 or 204) ? 0 : 1;

async Task<(double[] Latencies, int[] Statuses, TimeSpan Elapsed)> RunAsync(int perSecond, int duration, bool record)
{
    var total = perSecond * duration;
    var latencies = new double[total];
    var statuses = new int[total];
    var clock = Stopwatch.StartNew();
    var inFlight = new List<Task>(total);
    for (var i = 0; i < total; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / perSecond);
        while (clock.Elapsed < due) await Task.Delay(TimeSpan.FromMilliseconds(1));
        var index = i;
        inFlight.Add(Task.Run(async () =>
        {
            int status;
            try
            {
                using var response = await client.GetAsync(paths[index % paths.Length]);
                await response.Content.LoadIntoBufferAsync();
                status = (int)response.StatusCode;
            }
            catch (Exception)
            {
                status = 0; // refused or timed out
            }

            latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
            statuses[index] = status;
        }));
    }

    await Task.WhenAll(inFlight);
    return (record ? latencies : [], statuses, clock.Elapsed);
}
