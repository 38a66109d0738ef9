using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NewsPlatform.Platform.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The activity source of the platform's own spans (the relay, the inbox).</summary>
    public static readonly ActivitySource Source = new("NewsPlatform");

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") ?? serviceName))
            .WithTracing(tracing => tracing
                .SetSampler(TelemetrySampling.Create(TelemetrySampling.SampleRatio(builder.Configuration, builder.Environment)))
                // Not YARP's "proxy.forwarder": it times the same hop as the HttpClient span under it, and every span
                // of a page is paid for by each process that exports it and by the viewer (issue 10).
                .AddSource(Source.Name, "Marten", "MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsUntracedPath(ctx.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Marten", "MassTransit", "NewsPlatform"));

        // Export only where a collector is configured (the Aspire dashboard under ./platform up).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Probes and the gateway's read-model version checks: asked for all the time, never worth a trace.</summary>
    private static bool IsUntracedPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(EventStore.ReadModelVersion.Route);
}
