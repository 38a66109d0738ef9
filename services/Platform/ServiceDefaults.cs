using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Telemetry;
using Scalar.AspNetCore;

namespace NewsPlatform.Platform;

/// <summary>What every process of the platform calls: <c>AddServiceDefaults()</c> then <c>MapDefaultEndpoints()</c>.</summary>
public static class ServiceDefaults
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddPlatformTelemetry(serviceName);
        builder.AddPlatformProblemDetails();
        builder.AddPlatformAuth();
        builder.Services.AddOptions<Site.SiteOptions>().Bind(builder.Configuration.GetSection(Site.SiteOptions.Section));
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        return builder;
    }

    /// <summary>The middleware every process runs, in order, and the health endpoints.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UsePlatformProblemDetails();
        app.UsePlatformAuth();
        app.UseContentETags();

        // Live: the process answers. Ready: its dependencies (PostgreSQL, RabbitMQ, projection lag) answer too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();

        // The API description of this process, and a browsable reference of it (Scalar).
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();

        // Every event-sourced service shows its history to analysts under its own API prefix.
        if (app.Services.GetService<Marten.IDocumentStore>() is not null
            && app.Configuration["Service:ApiPrefix"] is { Length: > 0 } prefix)
        {
            app.MapEventHistory(prefix);
        }

        // No fallback endpoint: an unknown route leaves an empty 404 that UseStatusCodePages turns into a problem,
        // and a known route with a non-JSON body still reaches the framework's 415.
        return app;
    }
}
