using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Gateway.FrontEnds;

/// <summary>
/// The front ends the gateway believes about their readers' address (<c>Gateway:TrustedFrontEnds</c>: IPs or CIDR
/// networks; none by default). A request from one of them with <c>X-Forwarded-For</c> counts as coming from the last
/// address in it, so the rate limiter gives each reader of the site a budget of their own and YARP tells the services
/// the reader's IP. Anyone else's <c>X-Forwarded-For</c> is ignored: a client cannot pick its IP.
/// </summary>
public static class TrustedFrontEnds
{
    public const string Section = "Gateway:TrustedFrontEnds";

    public static IServiceCollection AddTrustedFrontEnds(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = Parse(Entries(configuration));
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
        });
    }

    /// <summary>
    /// Before anything that reads the client's address. With no trusted front end the middleware is left out:
    /// with empty known lists it would believe everyone.
    /// </summary>
    public static WebApplication UseTrustedFrontEnds(this WebApplication app)
    {
        if (Entries(app.Configuration).Count > 0) app.UseForwardedHeaders();
        return app;
    }

    /// <summary>Answers the gateway's own 404 problem under its own prefixes, so they never fall through to the site.</summary>
    public static WebApplication MapGatewayPrefixGuards(this WebApplication app)
    {
        foreach (var prefix in new[] { "/api", "/health", "/openapi", "/scalar" })
        {
            app.Map($"{prefix}/{{**rest}}", (HttpRequest request) => Problems.NotFound($"Nothing answers {request.Method} {request.Path}."))
                .WithOrder(900) // after every service route (YARP orders 0–10), before the site (1000)
                .ExcludeFromDescription()
                .AllowAnonymous();
        }

        return app;
    }

    private static List<string> Entries(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        // A list (Gateway:TrustedFrontEnds:0=…) or one comma-separated value; appsettings' empty list is an empty value.
        var children = section.GetChildren().Select(c => c.Value).ToList();
        IEnumerable<string?> raw = children.Count > 0 ? children : (section.Value ?? "").Split(',');
        return [.. raw.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!.Trim())];
    }

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) Parse(IEnumerable<string> entries)
    {
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address)) proxies.Add(address);
            else throw new InvalidOperationException($"{Section} holds '{entry}', which is neither an IP address nor a CIDR network.");
        }

        return (proxies, networks);
    }
}
