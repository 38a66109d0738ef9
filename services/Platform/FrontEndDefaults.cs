using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;
using NewsPlatform.Platform.Telemetry;

namespace NewsPlatform.Platform;

/// <summary>
/// What the front ends (the reader site, the newsroom console) call instead of <see cref="ServiceDefaults"/>: telemetry
/// and health like every process, but no database, no service auth and no JSON problems — their data comes from the
/// gateway's API only, and their errors are pages.
/// </summary>
public static class FrontEndDefaults
{
    /// <param name="defaultPort">The port of a plain <c>dotnet X.dll</c> (F5 takes it from launchSettings.json; deploy/ports.env names it).</param>
    /// <param name="trustedProxiesSetting">A list of IPs or CIDRs, besides loopback, whose <c>X-Forwarded-*</c> are believed (an ingress).</param>
    public static WebApplicationBuilder AddFrontEndDefaults(this WebApplicationBuilder builder, string name, int defaultPort, string trustedProxiesSetting)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{defaultPort}");
        }

        builder.AddPlatformTelemetry(name);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live", "ready"]);
        builder.Services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection(SiteOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddPlainFormKeys();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The gateway (on loopback) says who the user is and how they reached the page; nobody else may.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Add(IPAddress.Loopback);
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            foreach (var proxy in builder.Configuration.GetSection(trustedProxiesSetting).Get<string[]>() ?? [])
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network)) options.KnownIPNetworks.Add(network);
                else if (IPAddress.TryParse(proxy, out var address)) options.KnownProxies.Add(address);
            }
        });
        // Pages are in French as well as English: letters of every script are written as they are, not as &#xE9; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(
            o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary><c>/health/live</c> and <c>/health/ready</c>, open to anyone (a front end's checks say nothing private).</summary>
    public static WebApplication MapFrontEndHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live"), ResponseWriter = HealthReportWriter.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync })
            .AllowAnonymous();
        return app;
    }
}
