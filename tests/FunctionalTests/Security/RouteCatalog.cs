using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Security;

/// <summary>What one route asks of its caller, read from the endpoint's metadata rather than from a list we keep by hand.</summary>
/// <param name="Roles">null when the route is public (no policy, or [AllowAnonymous]); empty when any signed-in caller will do.</param>
public sealed record PlatformRoute(
    string Process,
    string Method,
    string Pattern,
    IReadOnlyList<string> RouteValues,
    IReadOnlyList<(string Name, Type Type)> QueryParameters,
    Type? BodyType,
    IReadOnlySet<string>? Roles)
{
    public string Key => $"{Method} {Pattern}";

    public bool IsPublic => Roles is null;

    public bool IsWrite => Method is not ("GET" or "HEAD");

    public override string ToString() => Key;
}

/// <summary>
/// Every route the gateway exposes to the world, enumerated from the <see cref="EndpointDataSource"/> of each process of the
/// platform: a route added tomorrow is covered by the hostile-input and authorization tests without anyone editing them.
/// Left out: per-process plumbing that CONTRACT.md does not list among the public routes (health, OpenAPI, Scalar), the
/// gateway's proxy catch-alls (they forward to the service routes enumerated here) and its prefix guards.
/// </summary>
public static class RouteCatalog
{
    public static IReadOnlyList<PlatformRoute> Enumerate(PlatformFixture platform)
    {
        var routes = new List<PlatformRoute>();
        routes.AddRange(Read("articles", platform.Articles.Services));
        routes.AddRange(Read("comments", platform.Comments.Services));
        routes.AddRange(Read("localization", platform.Localization.Services));
        routes.AddRange(Read("advertising", platform.Advertising.Services));
        routes.AddRange(Read("gateway", platform.Gateway.Services));
        return [.. routes.DistinctBy(r => r.Key).OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method)];
    }

    private static IEnumerable<PlatformRoute> Read(string process, IServiceProvider services)
    {
        var fallback = services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync().GetAwaiter().GetResult();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (!IsPublicSurface(pattern)) continue;
            if (endpoint.RoutePattern.Parameters.Any(p => p.IsCatchAll)) continue; // proxy forwards and prefix guards
            if (endpoint.Metadata.Any(m => m.GetType().Namespace?.StartsWith("Yarp", StringComparison.Ordinal) == true)) continue;

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var roles = RolesOf(endpoint, fallback);
            var handler = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault();
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var query = handler is null
                ? []
                : handler.GetParameters()
                    .Where(p => p.Name is not null && !routeValues.Contains(p.Name, StringComparer.OrdinalIgnoreCase)
                                && IsQueryType(p.ParameterType) && p.ParameterType != bodyType)
                    .Select(p => (p.Name!, p.ParameterType))
                    .ToList();

            foreach (var method in methods.Where(m => m != "HEAD" && m != "OPTIONS"))
            {
                yield return new PlatformRoute(process, method, pattern, routeValues, query, bodyType, roles);
            }
        }
    }

    private static bool IsPublicSurface(string pattern) =>
        pattern.StartsWith("/api/", StringComparison.Ordinal)
        || pattern.StartsWith("/feeds/", StringComparison.Ordinal)
        || pattern == "/sitemap.xml";

    /// <summary>Roles from the endpoint's own policies; the fallback policy when it has none and is not marked anonymous.</summary>
    private static IReadOnlySet<string>? RolesOf(Endpoint endpoint, AuthorizationPolicy? fallback)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return null;

        var policies = endpoint.Metadata.OfType<AuthorizationPolicy>().ToList();
        var authorizeData = endpoint.Metadata.OfType<IAuthorizeData>().ToList();
        if (policies.Count == 0 && authorizeData.Count == 0)
        {
            if (fallback is null) return null;
            policies.Add(fallback);
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var requirement in policies.SelectMany(p => p.Requirements).OfType<RolesAuthorizationRequirement>())
        {
            roles.UnionWith(requirement.AllowedRoles);
        }

        foreach (var data in authorizeData.Where(d => !string.IsNullOrWhiteSpace(d.Roles)))
        {
            roles.UnionWith(data.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        return roles;
    }

    private static bool IsQueryType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) t = t.GetElementType()!;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(DateTimeOffset)
               || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(decimal) || t == typeof(TimeSpan);
    }
}
