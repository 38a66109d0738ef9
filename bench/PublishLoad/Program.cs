using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// Usage: PublishLoad <gateway-url> <editor-token> <analyst-token> [rate=100] [seconds=20]
// Drafts rate × seconds stories, then publishes them at a fixed rate (open loop: a slow answer does not slow the
// sender). How long each thread took to open is read from the two services' own event histories: the comments
// service's thread_opened minus the articles service's article_published, both stamped by the same PostgreSQL, so
// measuring puts no polling load on the platform. Prints one line:
//   publish-to-thread at <rate>/s: p50 <ms> ms, p99 <ms> ms (<opened> of <published> threads, publish p50 <ms> ms)
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: PublishLoad <gateway-url> <editor-token> <analyst-token> [rate=100] [seconds=20]");
    return 2;
}

var gateway = new Uri(args[0]);
var rate = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
var seconds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20;
HttpClient Client(string token)
{
    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

using var editor = Client(args[1]);
using var analyst = Client(args[2]);
var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
var total = rate * seconds;

// Drafts first, eight at a time: only the publications are paced.
var drafts = new (Guid Id, string ETag)[total];
var next = -1;
await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
{
    for (var i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
    {
        using var response = await editor.PostAsJsonAsync("/api/articles", new
        {
            title = $"Publish probe {run} {i}", summary = "", body = "<p>probe</p>", section = "world", tags = new[] { "bench" },
            authors = new[] { "bench" }, language = "en",
        });
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"draft answered {(int)response.StatusCode}");
        var id = (Guid)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
        drafts[i] = (id, response.Headers.ETag!.Tag);
    }
}));

var published = new HashSet<Guid>();
var publishLatencies = new List<double>();
var clock = Stopwatch.StartNew();
var inFlight = new List<Task>(total);
for (var i = 0; i < total; i++)
{
    var due = TimeSpan.FromSeconds((double)i / rate);
    while (clock.Elapsed < due) await Task.Delay(1);
    var (id, etag) = drafts[i];
    inFlight.Add(Task.Run(async () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{id}/publish") { Content = JsonContent.Create(new { at = (DateTimeOffset?)null }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await editor.SendAsync(request);
        var took = (clock.Elapsed - due).TotalMilliseconds;
        lock (published)
        {
            if (response.StatusCode == HttpStatusCode.OK) published.Add(id);
            publishLatencies.Add(took);
        }
    }));
}

await Task.WhenAll(inFlight);
var sentFor = clock.Elapsed;

// The articles' publication times, then the threads' opening times, until every thread opened or 60 s passed.
async Task<Dictionary<Guid, DateTimeOffset>> Stamps(string service, string type)
{
    var stamps = new Dictionary<Guid, DateTimeOffset>();
    var text = await analyst.GetStringAsync($"/api/{service}/events?types={type}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-30).ToString("O"))}&limit=1000000");
    foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
    {
        var e = JsonNode.Parse(line)!;
        var stream = (Guid)e["streamId"]!;
        if (published.Contains(stream)) stamps[stream] = e["at"]!.GetValue<DateTimeOffset>();
    }

    return stamps;
}

var publishedAt = await Stamps("articles", "article_published");
var openedAt = new Dictionary<Guid, DateTimeOffset>();
var waited = Stopwatch.StartNew();
while (waited.Elapsed < TimeSpan.FromSeconds(60))
{
    openedAt = await Stamps("comments", "thread_opened");
    if (openedAt.Count >= published.Count) break;
    await Task.Delay(1000);
}

var latencies = openedAt.Where(o => publishedAt.ContainsKey(o.Key)).Select(o => (o.Value - publishedAt[o.Key]).TotalMilliseconds).Order().ToArray();
double Percentile(IReadOnlyList<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
var publishSorted = publishLatencies.Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"publish-to-thread at {total / sentFor.TotalSeconds:0}/s: p50 {Percentile(latencies, 0.50):0} ms, p99 {Percentile(latencies, 0.99):0} ms " +
    $"({latencies.Length} of {published.Count} threads of {total} publishes, publish p50 {Percentile(publishSorted, 0.50):0} ms)"));
return latencies.Length == published.Count && published.Count == total ? 0 : 1;
