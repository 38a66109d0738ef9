using System.Collections.Concurrent;
using System.Diagnostics;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Gateway.Caching;

/// <summary>
/// Readers' requests that this gateway is passing to the site, by a random id it gives each one
/// (<see cref="GatewayHeaders.ReaderRequest"/>), with when each began here (docs/decisions/0025). When the site calls
/// back for that request's page, its read-model versions may come from any call that began after the reader's request
/// did, not only after the site's call did: by then one usually has. An id that is not one of ours, or belongs to a
/// request that has ended, gives no head start: it cannot make an answer older than its own request.
/// </summary>
public sealed class ReaderRequests
{
    /// <summary>The cluster the site runs in (its route is the gateway's catch-all).</summary>
    public const string SiteCluster = "web";

    private readonly ConcurrentDictionary<string, long> _began = new(StringComparer.Ordinal);

    /// <summary>In the proxy pipeline: requests for the site carry their id while they are under way.</summary>
    public async Task PassToSiteAsync(HttpContext context, Func<Task> next)
    {
        if (context.GetReverseProxyFeature().Route.Config.ClusterId != SiteCluster)
        {
            await next();
            return;
        }

        var id = Guid.NewGuid().ToString("N"); // random: nobody can name another reader's request
        _began[id] = Stopwatch.GetTimestamp();
        context.Request.Headers[GatewayHeaders.ReaderRequest] = id; // whatever the client sent is replaced
        try
        {
            await next();
        }
        finally
        {
            _began.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// When the reader's request behind <paramref name="request"/> began (a <see cref="Stopwatch.GetTimestamp"/>): at
    /// the door, for the site's call on behalf of a request this gateway is still passing to it; otherwise now.
    /// </summary>
    public long BeganAt(HttpRequest request) =>
        request.Headers[GatewayHeaders.ReaderRequest] is [{ } id] && _began.TryGetValue(id, out var began)
            ? began
            : Stopwatch.GetTimestamp();
}
