using Microsoft.AspNetCore.Authorization;
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
    /// <summary>
    /// The endpoint ASP.NET Core routing answers when a path matches but the method does not (its display name is
    /// the only mark it carries). Like an unmatched path, it declares nothing and leaks nothing: its 405 is not closed.
    /// </summary>
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddPlatformTelemetry(serviceName);
        builder.AddPlatformProblemDetails();
        builder.AddPlatformAuth();
        builder.Services.AddAuthorization(options => options.FallbackPolicy = ClosedUntilDeclaredPublic);
        builder.Services.AddPlainFormKeys(); // the identity service's pages are MVC
        builder.Services.AddOptions<Site.SiteOptions>().Bind(builder.Configuration.GetSection(Site.SiteOptions.Section));
        if (builder.Environment.IsDevelopment()) builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        return builder;
    }

    /// <summary>
    /// The fallback policy (issue 12): a route that says nothing about authorization needs a signed-in caller, so a
    /// new route is closed until it is declared public with <c>AllowAnonymous()</c>. A request that matched no route
    /// (or only routing's 405) passes, so it still gets its 404 or 405 problem rather than a 401.
    /// </summary>
    public static AuthorizationPolicy ClosedUntilDeclaredPublic { get; } = new AuthorizationPolicyBuilder()
        .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
            || (context.Resource is HttpContext http && http.GetEndpoint() is not { DisplayName: not MethodNotAllowedEndpoint }))
        .Build();

    /// <summary>The middleware every process runs, in order, and the health endpoints.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UsePlatformProblemDetails();
        app.UsePlatformAuth();
        app.UseContentETags();

        // Live: the process answers. Ready: its dependencies (PostgreSQL, RabbitMQ, projection lag) answer too.
        // Both are open (./platform and the gateway's active checks poll them); the details of each check are
        // shown to loopback and admins only (HealthReportWriter).
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

        // The API description of this process, and a browsable reference of it (Scalar): a developer's tool, so
        // only in Development (issue 12: elsewhere it mapped every route for anyone to probe).
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference().AllowAnonymous();
        }

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
