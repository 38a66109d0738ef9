using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// Usage: NewsPlatform.Chaos <gateway-url> <publishes> <comments> <impressions> <signal-folder>
// Tokens in the environment: NP_CHAOS_EDITOR_TOKEN, NP_CHAOS_ADMIN_TOKEN, NP_CHAOS_MODERATOR_TOKEN.
//
// A burst through the public API: stories drafted and published, guest comments on them, ad decisions and their
// impressions on a sponsorship campaign whose goal is smaller than the impressions sent. Halfway it writes
// <signal-folder>/midpoint and carries on; whoever watches that file (./platform chaos) kills replicas and writes
// <signal-folder>/killed with the kill's Unix time in milliseconds. Every write is retried with the same
// Idempotency-Key (or re-read before its If-Match retry) when an answer is lost, as a real client would.
//
// Afterwards, against what the platform acknowledged: every story published, its comment thread open with exactly its
// approved comments (and the story's comment count equal to them), its translation group present once, and the
// campaign's impressions equal to the acknowledged tokens up to the goal, never past it. Also: how long after the kill a
// new publication reached comments (the articles relay) and a new comment reached the story's count (the comments
// relay): the async daemons' work on a survivor. Exit 0 only when nothing was lost or applied twice.
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: NewsPlatform.Chaos <gateway-url> <publishes> <comments> <impressions> <signal-folder>");
    return 2;
}

var gateway = new Uri(args[0].TrimEnd('/') + "/");
var publishes = int.Parse(args[1], CultureInfo.InvariantCulture);
var commentCount = int.Parse(args[2], CultureInfo.InvariantCulture);
var impressionCount = int.Parse(args[3], CultureInfo.InvariantCulture);
var signals = args[4];
var run = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromSeconds(10) };
HttpClient Client(string variable)
{
    var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(20) };
    var token = Environment.GetEnvironmentVariable(variable) ?? throw new InvalidOperationException($"{variable} is not set");
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

var editor = Client("NP_CHAOS_EDITOR_TOKEN");
var admin = Client("NP_CHAOS_ADMIN_TOKEN");
var moderator = Client("NP_CHAOS_MODERATOR_TOKEN");
var guest = new HttpClient(handler, disposeHandler: false) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(20) };
var retries = 0;
var retryReasons = new ConcurrentDictionary<string, int>();
void Retried(string reason) { Interlocked.Increment(ref retries); retryReasons.AddOrUpdate(reason, 1, (_, n) => n + 1); }

// --- set-up: a sponsorship campaign on the top slot whose goal is 60 % of the impressions sent -------------------
var goal = Math.Max(1, impressionCount * 6 / 10);
var advertiser = await Send(admin, HttpMethod.Post, "api/ads/advertisers", new { name = $"Chaos {run}" }, key: $"chaos-{run}-advertiser");
var campaign = await Send(admin, HttpMethod.Post, "api/ads/campaigns", new
{
    advertiserId = (string)advertiser!["id"]!, name = $"Chaos {run}", priority = "sponsorship",
    startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = DateTimeOffset.UtcNow.AddDays(1), impressionGoal = goal,
    targeting = new { slots = new[] { "top" }, sections = Array.Empty<string>(), tags = Array.Empty<string>(), languages = new[] { "en" } },
}, key: $"chaos-{run}-campaign");
var campaignId = (string)campaign!["id"]!;
campaign = await Send(admin, HttpMethod.Post, $"api/ads/campaigns/{campaignId}/creatives",
    new { slot = "top", kind = "text", text = "Chaos run", landingUrl = "https://newsplatform.example/chaos" });
await Send(admin, HttpMethod.Post, $"api/ads/campaigns/{campaignId}/activate", null, ifMatch: $"\"{(long)campaign!["version"]!}\"");
Console.WriteLine($"chaos: run {run}: {publishes} publishes, {commentCount} comments, {impressionCount} impressions (goal {goal})");

// --- the burst ----------------------------------------------------------------------------------------------------
var published = new ConcurrentDictionary<int, string>();   // story index → id
var approved = new ConcurrentDictionary<string, int>();    // story id → approved comments acknowledged
var pending = new ConcurrentDictionary<string, byte>();    // comment ids held for moderation
var ackedTokens = new ConcurrentDictionary<string, byte>(); // impression tokens of the chaos campaign answered 2xx
var total = publishes + commentCount + impressionCount;
var done = 0;
var midpointWritten = 0;
var burstOver = 0;
var clock = Stopwatch.StartNew();
void Completed()
{
    if (Interlocked.Increment(ref done) >= total / 2 && Interlocked.Exchange(ref midpointWritten, 1) == 0)
    {
        File.WriteAllText(Path.Combine(signals, "midpoint"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"chaos: midpoint after {clock.Elapsed.TotalSeconds:0.0} s ({done} of {total} operations)");
    }
}

async Task PublishAsync(int i)
{
    var article = await Send(editor, HttpMethod.Post, "api/articles", new
    {
        title = $"Chaos {run} story {i}", summary = "A story of the chaos run.", body = "<p>Written during a chaos run.</p>",
        section = "world", tags = new[] { "chaos" }, authors = new[] { "chaos" }, language = "en", noAds = false,
    }, key: $"chaos-{run}-story-{i}");
    var id = (string)article!["id"]!;
    while (true)
    {
        var current = await Send(editor, HttpMethod.Get, $"api/articles/{id}");
        if ((string)current!["status"]! == "published") break;
        // A lost answer to a publish that did happen shows up as 412 here: read again and see.
        var answer = await Send(editor, HttpMethod.Post, $"api/articles/{id}/publish", new { at = (DateTimeOffset?)null },
            ifMatch: $"\"{(long)current["version"]!}\"", allow: [HttpStatusCode.PreconditionFailed]);
        if (answer is not null) break;
    }

    published[i] = id;
    Completed();
}

async Task CommentAsync(int i)
{
    var story = i % Math.Max(1, publishes);
    var opened = Stopwatch.StartNew();
    while (true)
    {
        if (published.TryGetValue(story, out var id))
        {
            // 404 until the comments service has heard of the publication (its thread opens then).
            var answer = await Send(guest, HttpMethod.Post, $"api/articles/{id}/comments", new
            {
                // One reader a comment: the comments service lets one e-mail post once in 30 s.
                authorName = $"Reader {i}", authorEmail = $"reader{i}.{run}@chaos.example", body = $"Comment {i} of run {run}.",
            }, key: $"chaos-{run}-comment-{i}", allow: [HttpStatusCode.NotFound]);
            if (answer is not null)
            {
                if ((string)answer["status"]! == "approved") approved.AddOrUpdate(id, 1, (_, n) => n + 1);
                else pending[(string)answer["id"]!] = 0;
                break;
            }
        }

        if (opened.Elapsed > TimeSpan.FromSeconds(120)) throw new InvalidOperationException($"story {story}'s thread did not open within 120 s");
        await Task.Delay(200);
    }

    Completed();
}

async Task ImpressionAsync(int i)
{
    var decision = await Send(guest, HttpMethod.Get, "api/ads/decision?slot=top&lang=en&section=world", allow: [HttpStatusCode.NoContent]);
    if (decision is not null && decision["impressionUrl"] is { } url)
    {
        var path = new Uri(gateway, (string)url!).PathAndQuery.TrimStart('/');
        await Send(guest, HttpMethod.Post, path, null);
        // One in ten sent twice: a token counts once however often it is sent.
        if (i % 10 == 0) await Send(guest, HttpMethod.Post, path, null);
        if ((string?)decision["campaignId"] == campaignId) ackedTokens[path] = 0;
    }

    Completed();
}

var work = new ConcurrentQueue<Func<Task>>();
// Interleaved so that every kind of work is under way when the replicas die.
for (var i = 0; i < Math.Max(publishes, Math.Max(commentCount, impressionCount)); i++)
{
    var n = i;
    if (n < publishes) work.Enqueue(() => PublishAsync(n));
    if (n < impressionCount) work.Enqueue(() => ImpressionAsync(n));
    if (n < commentCount) work.Enqueue(() => CommentAsync(n));
}

// The daemons after the kill: as soon as the kill is announced, a new publication must reach comments (the articles
// relay) and a new comment the story's count (the comments relay), behind whatever backlog the burst left.
var probing = ProbeAfterKillAsync();
var failures = new ConcurrentBag<string>();
await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
{
    while (work.TryDequeue(out var next))
    {
        try { await next(); }
        catch (Exception e) { failures.Add(e.Message); Completed(); }
    }
}));
Volatile.Write(ref burstOver, 1);
var burst = clock.Elapsed;
Console.WriteLine($"chaos: burst done in {burst.TotalSeconds:0.0} s ({total / burst.TotalSeconds:0} operations/s, {retries} retried requests, {failures.Count} operations failed)");
if (!retryReasons.IsEmpty) Console.WriteLine("chaos: retried for " + string.Join(", ", retryReasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} × {r.Value}")));
foreach (var failure in failures.Distinct().Take(5)) Console.WriteLine($"chaos:   failed: {failure}");

var (killedAt, relayArticles, relayComments, probeApproved) = await probing;
string Since(DateTimeOffset? at) => at is null ? "never (within 120 s)" : killedAt is null ? $"at {at:HH:mm:ss.fff}" :
    $"{(at.Value - killedAt.Value).TotalSeconds:0.0} s after the kill";
Console.WriteLine($"chaos: articles relay (publish → thread open) delivered a post-kill publication {Since(relayArticles)}");
Console.WriteLine(probeApproved ? $"chaos: comments relay (comment → story's count) delivered a post-kill comment {Since(relayComments)}" : "chaos: comments relay not probed (the probe comment was held)");

async Task<(DateTimeOffset? KilledAt, DateTimeOffset? Articles, DateTimeOffset? Comments, bool Approved)> ProbeAfterKillAsync()
{
var killedAt = await KilledAtAsync();
var probe = await Send(editor, HttpMethod.Post, "api/articles", new
{
    title = $"Chaos {run} probe", summary = "After the kill.", body = "<p>Probe.</p>", section = "world", tags = new[] { "chaos" },
    authors = new[] { "chaos" }, language = "en", noAds = true,
}, key: $"chaos-{run}-probe");
var probeId = (string)probe!["id"]!;
await Send(editor, HttpMethod.Post, $"api/articles/{probeId}/publish", new { at = (DateTimeOffset?)null }, ifMatch: $"\"{(long)probe["version"]!}\"");
var relayArticles = await UntilAsync(async () => (await guest.GetAsync($"api/articles/{probeId}/comments")).StatusCode == HttpStatusCode.OK);
var probeComment = await Send(guest, HttpMethod.Post, $"api/articles/{probeId}/comments",
    new { authorName = "Prober", authorEmail = $"prober.{run}@chaos.example", body = $"Probe comment of run {run}." }, key: $"chaos-{run}-probe-comment");
var probeApproved = (string)probeComment!["status"]! == "approved";
var relayComments = probeApproved
    ? await UntilAsync(async () => (long?)(await Send(editor, HttpMethod.Get, $"api/articles/{probeId}"))!["commentCount"] == 1)
    : (DateTimeOffset?)null;
return (killedAt, relayArticles, relayComments, probeApproved);
}

// --- the checks, once the platform has caught up (or after 90 s) --------------------------------------------------
var report = await UntilSettledAsync(TimeSpan.FromSeconds(90));
Console.WriteLine($"chaos: stories {published.Count}/{publishes} published; comments {approved.Values.Sum()} approved, {pending.Count} held; " +
                  $"impressions acknowledged for the campaign {ackedTokens.Count}, counted {report.Counted} (goal {goal})");
Console.WriteLine($"chaos: lost {report.Lost}, applied twice {report.Twice}, goal exceeded {(report.Counted > goal ? "YES" : "no")}");
foreach (var problem in report.Problems.Take(10)) Console.WriteLine($"chaos:   {problem}");
// The relays must have resumed at all (the 10 s bound is on the leadership move, timed by ./platform chaos from
// PostgreSQL's locks: these probes also wait behind the burst's backlog, which is load, not failover).
var resumed = killedAt is null || relayArticles is not null && (!probeApproved || relayComments is not null);
if (!resumed) Console.WriteLine("chaos: a relay did NOT resume after the kill");
return report.Lost == 0 && report.Twice == 0 && report.Counted <= goal && failures.IsEmpty && resumed ? 0 : 1;

async Task<Report> UntilSettledAsync(TimeSpan patience)
{
    var waited = Stopwatch.StartNew();
    while (true)
    {
        var report = await CheckAsync();
        if (report.Lost == 0 && report.Twice == 0 || waited.Elapsed > patience) return report;
        await Task.Delay(2000);
    }
}

async Task<Report> CheckAsync()
{
    var problems = new ConcurrentBag<string>();
    var lost = 0;
    var twice = 0;
    await Parallel.ForEachAsync(published.Values, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
    {
        var expected = approved.GetValueOrDefault(id);
        var article = await Send(editor, HttpMethod.Get, $"api/articles/{id}");
        var count = (long)article!["commentCount"]!;
        var thread = await Send(guest, HttpMethod.Get, $"api/articles/{id}/comments?pageSize=100", allow: [HttpStatusCode.NotFound]);
        var shown = thread is null ? -1 : (long)thread["total"]!;
        var group = await Send(editor, HttpMethod.Get, $"api/localization/articles/{id}", allow: [HttpStatusCode.NotFound]);
        void Compare(string what, long have)
        {
            if (have < expected) { Interlocked.Add(ref lost, (int)(expected - Math.Max(have, 0))); problems.Add($"{id}: {what} {have}, expected {expected}"); }
            if (have > expected) { Interlocked.Add(ref twice, (int)(have - expected)); problems.Add($"{id}: {what} {have}, expected {expected}"); }
        }

        if (thread is null) { Interlocked.Increment(ref lost); problems.Add($"{id}: no comment thread"); }
        else Compare("thread total", shown);
        Compare("story's commentCount", count);
        if (group is null) { Interlocked.Increment(ref lost); problems.Add($"{id}: no translation group"); }
        else
        {
            var languages = group["translations"]!.AsArray().Select(t => (string)t!["lang"]!).ToList();
            if (languages.Count != languages.Distinct().Count()) { Interlocked.Increment(ref twice); problems.Add($"{id}: a language twice in its translation group"); }
        }
    });
    if (!pending.IsEmpty)
    {
        var held = new HashSet<string>();
        for (var page = 1; ; page++)
        {
            var queue = await Send(moderator, HttpMethod.Get, $"api/comments/moderation?status=pending&page={page}&pageSize=100");
            var items = queue!["items"]!.AsArray();
            foreach (var item in items) held.Add((string)item!["id"]!);
            if (items.Count < 100) break;
        }

        var missing = pending.Keys.Count(k => !held.Contains(k));
        if (missing > 0) { lost += missing; problems.Add($"{missing} held comments are not in the moderation queue"); }
    }

    var ledger = await Send(admin, HttpMethod.Get, $"api/ads/campaigns/{campaignId}");
    var counted = (long)ledger!["impressions"]!;
    var expectedCount = Math.Min(ackedTokens.Count, goal);
    if (counted < expectedCount) { lost += (int)(expectedCount - counted); problems.Add($"campaign counted {counted}, expected {expectedCount}"); }
    if (counted > expectedCount) { twice += (int)(counted - expectedCount); problems.Add($"campaign counted {counted}, expected {expectedCount}"); }
    return new Report(lost, twice, counted, problems.ToList());
}

async Task<DateTimeOffset?> KilledAtAsync()
{
    var file = Path.Combine(signals, "killed");
    // Until the kill (announced once the midpoint is passed), or 10 s after the burst ended without one.
    var grace = 0;
    while (!File.Exists(file) && (Volatile.Read(ref burstOver) == 0 || grace++ < 100)) await Task.Delay(100);
    return File.Exists(file) && long.TryParse(File.ReadAllText(file).Trim(), out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}

static async Task<DateTimeOffset?> UntilAsync(Func<Task<bool>> condition)
{
    var waited = Stopwatch.StartNew();
    while (waited.Elapsed < TimeSpan.FromSeconds(120))
    {
        try { if (await condition()) return DateTimeOffset.UtcNow; } catch (HttpRequestException) { }
        await Task.Delay(100);
    }

    return null;
}

// One request, retried with the same body and key while the platform cannot answer (a connection refused or cut,
// 429, 502, 503, 504). Null when the answer is one of `allow`; an exception for any other failure.
async Task<JsonObject?> Send(HttpClient client, HttpMethod method, string path, object? body = null, string? key = null,
    string? ifMatch = null, HttpStatusCode[]? allow = null)
{
    for (var attempt = 1; ; attempt++)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        try
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                or HttpStatusCode.GatewayTimeout && attempt < 60)
            {
                Retried(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                await Task.Delay(Math.Min(2000, 100 * attempt));
                continue;
            }

            if (allow?.Contains(response.StatusCode) == true) return null;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
            return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 60)
        {
            Retried(e.GetType().Name);
            await Task.Delay(Math.Min(2000, 100 * attempt));
        }
    }
}

internal sealed record Report(int Lost, int Twice, long Counted, IReadOnlyList<string> Problems);
