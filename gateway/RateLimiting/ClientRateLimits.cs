using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Gateway.RateLimiting;

/// <summary>Per-client limits at the door (section <c>Gateway:RateLimits</c>); reads and writes count apart.</summary>
public sealed class RateLimitOptions
{
    public int ReadsPerSecond { get; set; } = 1000;
    public int ReadBurst { get; set; } = 2000;
    public int WritesPerSecond { get; set; } = 20;
    public int WriteBurst { get; set; } = 60;

    /// <summary>How often a bucket is topped up (with the rate times this); tests lengthen it so that nothing refills mid-test.</summary>
    public TimeSpan RefillEvery { get; set; } = TimeSpan.FromSeconds(1);
}

public static class ClientRateLimits
{
    /// <summary>
    /// A token bucket per client, one for reads and one for writes, so a flood of writes cannot starve reading
    /// (<see cref="IsWrite"/>: the ad pixel and click count as writes).
    /// The client is the subject of a token the gateway validated (authentication runs before this limiter), so a
    /// newsroom behind one address is not throttled as one reader; without a valid token it is the IP (the peer
    /// address, or the reader's address a trusted front end forwarded). A forged or expired token is no token.
    /// Over the limit: 429 problem with <c>Retry-After</c>.
    /// </summary>
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Gateway:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var client = ClientOf(context);
                var write = IsWrite(context.Request);
                var (perSecond, burst) = write ? (options.WritesPerSecond, options.WriteBurst) : (options.ReadsPerSecond, options.ReadBurst);
                return RateLimitPartition.GetTokenBucketLimiter($"{(write ? "w" : "r")}:{client}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = Math.Max(1, (int)Math.Min(int.MaxValue, perSecond * options.RefillEvery.TotalSeconds)),
                    ReplenishmentPeriod = options.RefillEvery,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, token) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "Slow down; retry after the time in Retry-After." },
                });
            };
        });
    }

    /// <summary>
    /// Whether a request spends the write budget: anything but GET and HEAD, and the GETs that write, the ad
    /// server's impression pixel and click redirect (each counts against a campaign's goal and cap, so at the read
    /// rate one client could drain a competitor's campaign).
    /// </summary>
    public static bool IsWrite(HttpRequest request) =>
        (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        || request.Path.StartsWithSegments("/api/ads/impressions", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/api/ads/clicks", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whose budget a request spends: <c>sub:</c> and the validated token's subject, else <c>ip:</c> and the address.</summary>
    public static string ClientOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { Length: > 0 } subject
            ? $"sub:{subject}"
            : $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
}
