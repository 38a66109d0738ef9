using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Gateway;

/// <summary>
/// Cheap telemetry (issue 11): an answer served from the gateway's cache and a health check make no span: their
/// request activity exists (the platform's code may look at it) but is neither recorded nor exported.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CacheHitTelemetryTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_cache_hit_and_a_health_check_are_not_recorded_while_a_miss_is()
    {
        var requests = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            // The strongest vote of every listener wins: this one would record everything the platform does not unmark.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Server) requests.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var caching = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:ReaderCacheDuration"] = "00:10:00" });
        using var reader = platform.Client(gateway: caching);
        using var editor = platform.Client("editor");
        var (id, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Traced {Newsroom.UniqueTag()}", Newsroom.UniqueTag()));

        async Task<(HttpResponseMessage Response, ActivityTraceId TraceId)> Get(string path)
        {
            var traceId = ActivityTraceId.CreateRandom();
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            return (await reader.SendAsync(request), traceId);
        }

        // A query of its own makes each try's first read a miss (a key the route reads: the cache ignores any other,
        // issue 12); other tests' writes change the articles service's version, and so the key, now and then: look
        // until a miss is followed by a hit.
        (HttpResponseMessage Response, ActivityTraceId TraceId) miss = default, hit = default;
        var attempt = 0;
        await Eventually.Until(async () =>
        {
            var path = $"/api/articles/{id}/related?page={++attempt}";
            miss = await Get(path);
            hit = await Get(path);
            return (miss.Response.Headers.Age, hit.Response.Headers.Age);
        }, ages => ages.Item1 is null && ages.Item2 is not null, TimeSpan.FromSeconds(20), "a miss followed by a hit");
        var health = await Get("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.Response.StatusCode);

        var missed = await Stopped(requests, miss.TraceId, count: 2); // the gateway's and the articles service's
        Assert.All(missed, a => Assert.True(a.Recorded, $"{a.DisplayName} of a miss should be recorded"));
        var hits = await Stopped(requests, hit.TraceId, count: 1);
        Assert.All(hits, a => Assert.False(a.Recorded || a.IsAllDataRequested, $"{a.DisplayName} of a cache hit should not be recorded"));
        var probes = await Stopped(requests, health.TraceId, count: 1);
        Assert.All(probes, a => Assert.False(a.Recorded, $"{a.DisplayName} of a health check should not be recorded"));
    }

    private static async Task<List<Activity>> Stopped(ConcurrentBag<Activity> requests, ActivityTraceId traceId, int count) =>
        await Eventually.Until(() => Task.FromResult(requests.Where(a => a.TraceId == traceId).ToList()), found => found.Count >= count,
            TimeSpan.FromSeconds(5), $"{count} request activities of trace {traceId}");
}
