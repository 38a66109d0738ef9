using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace NewsPlatform.Platform.Telemetry;

/// <summary>
/// Head sampling (issue 11): a share of new traces, <c>Telemetry:SampleRatio</c>, decided once at the root by trace
/// id; every later span follows its parent's decision, across HTTP and RabbitMQ alike, so a trace is whole or absent.
/// Without a setting the share is 1.0 in Development and 0.1 elsewhere (<c>./platform up</c> runs Production and
/// exports <c>Telemetry__SampleRatio=1.0</c>). Logs are not sampled: an error is always logged.
/// </summary>
public static class TelemetrySampling
{
    public const string SampleRatioKey = "Telemetry:SampleRatio";
    public const double DevelopmentRatio = 1.0;
    public const double DefaultRatio = 0.1;

    public static double SampleRatio(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[SampleRatioKey];
        if (string.IsNullOrWhiteSpace(configured)) return environment.IsDevelopment() ? DevelopmentRatio : DefaultRatio;
        if (!double.TryParse(configured, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) || ratio is < 0 or > 1 || double.IsNaN(ratio))
        {
            throw new InvalidOperationException($"{SampleRatioKey} is a number from 0 to 1 (got '{configured}').");
        }

        return ratio;
    }

    /// <summary>
    /// Parent-based: a span with a parent (local, or remote in <c>traceparent</c>) is sampled exactly when its parent was.
    /// A root is background noise (dropped) or sampled by trace id at <paramref name="ratio"/>.
    /// </summary>
    public static Sampler Create(double ratio) => new ParentBasedSampler(new BackgroundNoiseFilter(new TraceIdRatioBasedSampler(ratio)));

    /// <summary>
    /// Drops root spans that are plain client calls: the async daemon polls PostgreSQL every few hundred
    /// milliseconds and YARP probes its destinations, and each of those would otherwise be a trace of its own.
    /// A client call made while serving a request or a message has a parent and follows it.
    /// </summary>
    private sealed class BackgroundNoiseFilter(Sampler roots) : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
            parameters.Kind == ActivityKind.Client || parameters.Name.StartsWith("marten.daemon", StringComparison.Ordinal)
                ? new SamplingResult(SamplingDecision.Drop)
                : roots.ShouldSample(parameters);
    }
}
