using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Configuration;

namespace NewsPlatform.Gateway.Security;

/// <summary>
/// The gateway's part of HTTP hardening (issue 12): headers on every answer, and the proxied routes declared public
/// at the door so that the fallback policy (closed until declared public) leaves each service to decide.
/// </summary>
public static class GatewaySecurity
{
    /// <summary>For answers that set no policy of their own (the API's JSON, feeds, problems): nothing may frame them.</summary>
    public const string ApiContentSecurityPolicy = "frame-ancestors 'none'";

    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services)
    {
        services.AddSingleton<IProxyConfigFilter, ProxiedRoutesAreAnonymous>();
        services.AddSingleton<IStartupFilter, SecurityHeadersFirst>();
        return services;
    }

    /// <summary>
    /// <c>X-Content-Type-Options</c> and <c>Referrer-Policy</c> on every answer, and <c>frame-ancestors 'none'</c>
    /// unless the answer brought its own Content-Security-Policy (the reader site's pages do: web/Site/SiteHeaders.cs).
    /// Set when the answer starts, so a proxied answer's own headers are already there to be seen.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (!response.Headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                response.Headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// A request header value is visible ASCII (RFC 9110 §5.5): Kestrel takes other bytes in, but they cannot be
    /// forwarded, so without this a header such as <c>Accept-Language: é</c> came back from the proxy as a 502. It is
    /// the caller's mistake: a 400 problem naming the header.
    /// </summary>
    public static IApplicationBuilder UseAsciiRequestHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                if (value is null || !value.AsSpan().ContainsAnyExceptInRange((char)0x20, (char)0x7E) || OnlyTabsBesides(value)) continue;
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "Invalid request header",
                        Detail = $"The value of the request header '{name}' holds characters other than visible ASCII.",
                    },
                });
                return;
            }
        }

        await next(context);
    });

    private static bool OnlyTabsBesides(string value)
    {
        foreach (var c in value)
        {
            if (c is not ('\t' or >= (char)0x20 and <= (char)0x7E)) return false;
        }

        return true;
    }

    /// <summary>First in the pipeline, before the trusted front ends and everything else, so no answer goes without.</summary>
    private sealed class SecurityHeadersFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseSecurityHeaders();
            app.UseAsciiRequestHeaders();
            next(app);
        };
    }

    /// <summary>
    /// A proxied route is anonymous at the gateway (YARP's own <c>AuthorizationPolicy</c> setting): the service behind it
    /// holds the route's rule, and the token travels on to it. A route that names a policy in configuration keeps it.
    /// </summary>
    public sealed class ProxiedRoutesAreAnonymous : IProxyConfigFilter
    {
        public const string Anonymous = "anonymous";

        public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => new(cluster);

        public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
            new(string.IsNullOrEmpty(route.AuthorizationPolicy) ? route with { AuthorizationPolicy = Anonymous } : route);
    }
}
