using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace NewsPlatform.Gateway.Caching;

/// <summary>
/// Caches what readers read (docs/decisions/0003): anonymous GETs whose answer the owning service marked
/// <c>Cache-Control: public</c>, per URL and Accept-Language, tagged with the service that answered so that
/// its integration events evict them (<see cref="CacheEvictionConsumers"/>). Anything with a token, any other
/// status than 200, and anything the service did not mark public passes through untouched.
/// </summary>
public sealed class ReaderCachePolicy(TimeSpan duration) : IOutputCachePolicy
{
    public const string Name = "readers";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && duration > TimeSpan.Zero;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = duration;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptLanguage;
        context.Tags.Add(TagFor(request.Path));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

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

    /// <summary>The service whose events can change this answer.</summary>
    public static string TagFor(PathString path) =>
        path.StartsWithSegments("/api/comments") || path.Value?.Contains("/comments", StringComparison.Ordinal) == true ? "comments"
        : path.StartsWithSegments("/api/localization") ? "localization"
        : path.StartsWithSegments("/api/ads") ? "advertising"
        : "articles";
}
