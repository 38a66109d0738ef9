using System.Diagnostics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace NewsPlatform.Gateway.Caching;

/// <summary>
/// Caches what readers read (docs/decisions/0003): anonymous GETs whose answer the owning service marked
/// <c>Cache-Control: public</c>, per URL, Accept-Language and the owning service's read-model version
/// (docs/decisions/0024), taken after the request began (for the site's calls, the reader's request they serve,
/// docs/decisions/0025): once the service has a change, no reader is answered from an entry read before it.
/// Anything with a token, any other status than 200, anything the service did not mark public, and everything while
/// the service cannot say its version passes through untouched.
/// </summary>
public sealed class ReaderCachePolicy(TimeSpan duration, ReadModelVersions versions, ReaderRequests readers) : IOutputCachePolicy
{
    public const string Name = "readers";

    /// <summary>The key's part that names the read-model version.</summary>
    public const string VersionKey = "read-model-version";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var service = ServiceOf(request.Path);
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && duration > TimeSpan.Zero
            && Versioned.Contains(service);
        if (cacheable)
        {
            var version = await versions.CurrentAsync(service, readers.BeganAt(request), cancellation);
            if (version is null) cacheable = false; // the service cannot say what it has: nothing kept may be answered
            else context.CacheVaryByRules.VaryByValues[VersionKey] = version;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = duration;
        context.CacheVaryByRules.QueryKeys = QueryKeysFor(request.Path);
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptLanguage;
    }

    /// <summary>
    /// A hit is not worth a span (issue 11: the exporter cost more than the answer): the request's activity is
    /// neither recorded nor exported. The request metrics still count it.
    /// </summary>
    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (Activity.Current is { Kind: ActivityKind.Server } request)
        {
            request.IsAllDataRequested = false;
            request.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var isPublic = response.Headers.CacheControl.ToString().Contains("public", StringComparison.OrdinalIgnoreCase);
        if (response.StatusCode != StatusCodes.Status200OK || !isPublic || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The query keys the route behind <paramref name="path"/> reads, and only those, make up the cache key (issue 12:
    /// varying on every key let <c>?x=1</c>, <c>?x=2</c>… each miss the cache and reach the service). A path this
    /// list does not know varies on every key, as before: a route added later may read anything.
    /// </summary>
    public static string[] QueryKeysFor(PathString path)
    {
        var segments = (path.Value ?? "").Trim('/').Split('/');
        return segments switch
        {
            ["api", "articles"] => ["section", "tag", "lang", "page", "pageSize"],
            ["api", "articles", "must-read"] => ["lang", "page", "pageSize"],
            ["api", "articles", "search"] => ["q", "lang", "section", "page", "pageSize"],
            ["api", "articles", "by-slug", _] => ["lang"],
            ["api", "articles", _, "related"] => ["lang", "page", "pageSize"],
            // asOf is for editors and analysts (never stored: it needs a token), but it must not be answered from a reader's entry.
            ["api", "articles", _] => ["asOf"],
            ["feeds", _, "latest.rss"] or ["sitemap.xml"] => [],
            _ => ["*"],
        };
    }

    /// <summary>The services that count their read-model changes (<c>TrackReadModelVersion</c>): only their answers are kept.</summary>
    public static readonly IReadOnlySet<string> Versioned = new HashSet<string>(StringComparer.Ordinal) { "articles", "comments", "localization" };

    /// <summary>The service whose read model this answer comes from.</summary>
    public static string ServiceOf(PathString path) =>
        path.StartsWithSegments("/api/comments") || path.Value?.Contains("/comments", StringComparison.Ordinal) == true ? "comments"
        : path.StartsWithSegments("/api/localization") ? "localization"
        : path.StartsWithSegments("/api/ads") ? "advertising"
        : "articles";
}
