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

    /// <summary>First in the pipeline, before the trusted front ends and everything else, so no answer goes without.</summary>
    private sealed class SecurityHeadersFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseSecurityHeaders();
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
