using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using NewsPlatform.Gateway.Caching;

namespace NewsPlatform.Gateway.Pages;

/// <summary>
/// The part of a page that every reader of it gets alike (article, lists, comments, strings, terms), kept in the
/// gateway's output cache store for <c>Gateway:ReaderCacheDuration</c>, per route, query and Accept-Language, under
/// the read-model versions of the services it came from, each asked for after the reader's request began
/// (docs/decisions/0024; for the site's call, at the door: 0025): a change in any of them is a new key, so no reader
/// gets parts read before a change the service already serves. Ad decisions are never part of it
/// (docs/decisions/0003): each page view gets its own tokens. An entry read in the last quarter of its life is
/// composed again in the background while it is still served, so that readers of a busy page do not all wait for its
/// composition when it expires (docs/decisions/0028).
/// </summary>
public sealed class SharedPageParts(IOutputCacheStore store, ReadModelVersions versions, ReaderRequests readers, IConfiguration configuration,
    TimeProvider clock, ILogger<SharedPageParts> logger)
{
    private readonly TimeSpan duration = configuration.GetValue("Gateway:ReaderCacheDuration", TimeSpan.FromSeconds(30));

    /// <summary>The suffix of the entry that says when an entry was composed (8 bytes: UTC ticks).</summary>
    private const string ComposedAtSuffix = "\u001ecomposed-at";

    /// <summary>Compositions under way, by key: readers who miss together wait for one, instead of each asking every service.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<Composition>>> underWay = new(StringComparer.Ordinal);

    /// <summary>
    /// What a composition came to: the shared parts as JSON (a JSON object of parts), or what to answer instead (a
    /// redirect, a 404, a 503, the service's 400), made afresh for each reader that waited for it.
    /// </summary>
    /// <param name="Complete">Every part answered: only such a page is shared (one whose service was down is composed again next time).</param>
    public sealed record Composition(byte[]? Parts, Func<IResult>? Other = null, bool Complete = false)
    {
        public static Composition Of(JsonObject parts) =>
            new(System.Text.Encoding.UTF8.GetBytes(parts.ToJsonString()), Complete: parts.All(p => p.Value is not null));
    }

    /// <summary>
    /// The shared parts from the store, or composed by <paramref name="compose"/> and stored when every part answered.
    /// Concurrent misses of one key share one composition. <paramref name="compose"/> must not use the request: it may
    /// outlive the reader who started it, so it runs without that reader's cancellation (the service calls have their
    /// own timeout).
    /// </summary>
    public async Task<Composition> GetOrComposeAsync(HttpRequest request, string[] services, Func<Task<Composition>> compose,
        CancellationToken ct)
    {
        if (await KeyOfAsync(request, services, ct) is not { } key) return await compose();
        if (await store.GetAsync(key, ct) is { } stored)
        {
            if (await DueForRefreshAsync(key, ct)) RefreshInBackground(key, compose);
            return new Composition(stored);
        }

        var flight = underWay.GetOrAdd(key, _ => new Lazy<Task<Composition>>(() => ComposeAndStoreAsync(key, compose)));
        try
        {
            return await flight.Value.WaitAsync(ct);
        }
        finally
        {
            underWay.TryRemove(new KeyValuePair<string, Lazy<Task<Composition>>>(key, flight));
        }
    }

    private async Task<Composition> ComposeAndStoreAsync(string key, Func<Task<Composition>> compose)
    {
        var composition = await compose();
        if (composition is { Complete: true, Parts: { } parts })
        {
            await store.SetAsync(key + ComposedAtSuffix, BitConverter.GetBytes(clock.GetUtcNow().UtcTicks), null, duration, CancellationToken.None);
            await store.SetAsync(key, parts, null, duration, CancellationToken.None);
        }

        return composition;
    }

    /// <summary>Whether the entry under <paramref name="key"/> is in the last quarter of its life (or its age is unknown).</summary>
    private async Task<bool> DueForRefreshAsync(string key, CancellationToken ct)
    {
        if (await store.GetAsync(key + ComposedAtSuffix, ct) is not { Length: sizeof(long) } composedAt) return true;
        var age = clock.GetUtcNow() - new DateTimeOffset(BitConverter.ToInt64(composedAt), TimeSpan.Zero);
        return age >= duration * 0.75;
    }

    /// <summary>
    /// Composes <paramref name="key"/> again unless that is under way already; the entry it replaces is served
    /// meanwhile. It answers from the same read-model versions or later ones, as a composition after a miss would.
    /// </summary>
    private void RefreshInBackground(string key, Func<Task<Composition>> compose)
    {
        var flight = new Lazy<Task<Composition>>(() => ComposeAndStoreAsync(key, compose));
        if (!underWay.TryAdd(key, flight)) return;
        _ = flight.Value.ContinueWith(done =>
        {
            underWay.TryRemove(new KeyValuePair<string, Lazy<Task<Composition>>>(key, flight));
            if (done.Exception is { } failure) logger.LogWarning(failure.GetBaseException(), "Refreshing the page parts of {Key} failed", key);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Only anonymous readers share; a request with a token always composes its own page, and so does every request
    /// while one of the services cannot say its version.
    /// </summary>
    private async Task<string?> KeyOfAsync(HttpRequest request, string[] services, CancellationToken ct)
    {
        if (duration <= TimeSpan.Zero || request.Headers.ContainsKey(HeaderNames.Authorization)) return null;
        var since = readers.BeganAt(request); // the reader's request the site calls for began at the door (docs/decisions/0025)
        var current = await Task.WhenAll(services.Select(service => versions.CurrentAsync(service, since, ct)));
        if (current.Any(version => version is null)) return null;
        return $"page-parts\u001e{request.Path.Value}\u001e{request.QueryString.Value}\u001e{request.Headers.AcceptLanguage}"
               + $"\u001e{string.Join(',', current)}";
    }
}
