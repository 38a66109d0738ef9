using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using NewsPlatform.Platform.Telemetry;
using OpenTelemetry.Trace;

namespace NewsPlatform.UnitTests.Platform;

public sealed class TelemetrySamplingTests
{
    [Theory]
    [InlineData("Development", null, 1.0)]
    [InlineData("Production", null, 0.1)]
    [InlineData("Staging", "", 0.1)]
    [InlineData("Production", "1.0", 1.0)]
    [InlineData("Development", "0.25", 0.25)]
    [InlineData("Production", "0", 0.0)]
    public void The_ratio_is_the_setting_or_by_environment_1_in_Development_and_a_tenth_elsewhere(string environment, string? setting, double expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TelemetrySampling.SampleRatioKey] = setting })
            .Build();

        Assert.Equal(expected, TelemetrySampling.SampleRatio(configuration, new Environment(environment)));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("ten percent")]
    [InlineData("NaN")]
    public void A_ratio_outside_0_to_1_stops_the_start(string setting)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TelemetrySampling.SampleRatioKey] = setting })
            .Build();

        var failure = Assert.Throws<InvalidOperationException>(() => TelemetrySampling.SampleRatio(configuration, new Environment("Production")));
        Assert.Contains(TelemetrySampling.SampleRatioKey, failure.Message);
    }

    [Fact]
    public void A_root_is_sampled_by_trace_id_at_the_ratio()
    {
        var sampler = TelemetrySampling.Create(0.1);
        var sampled = Enumerable.Range(0, 20_000).Count(_ => Decide(sampler, default, ActivityKind.Server) == SamplingDecision.RecordAndSample);

        Assert.InRange(sampled, 1_600, 2_400); // 10 % ± 2 points; a binomial spread is about 0.2 points

        Assert.Equal(SamplingDecision.RecordAndSample, Decide(TelemetrySampling.Create(1.0), default, ActivityKind.Server));
        Assert.Equal(SamplingDecision.Drop, Decide(TelemetrySampling.Create(0.0), default, ActivityKind.Server));
    }

    [Theory]
    [InlineData(0.0, true, SamplingDecision.RecordAndSample)]
    [InlineData(1.0, false, SamplingDecision.Drop)]
    public void A_span_with_a_parent_follows_it_so_a_trace_is_whole_or_absent(double ratio, bool parentSampled, SamplingDecision expected)
    {
        var sampler = TelemetrySampling.Create(ratio);
        foreach (var remote in new[] { true, false })
        {
            var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(),
                parentSampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: remote);
            foreach (var kind in new[] { ActivityKind.Server, ActivityKind.Client, ActivityKind.Producer, ActivityKind.Consumer, ActivityKind.Internal })
            {
                Assert.Equal(expected, Decide(sampler, parent, kind));
            }
        }
    }

    [Fact]
    public void Background_roots_are_dropped_at_any_ratio()
    {
        var sampler = TelemetrySampling.Create(1.0);

        Assert.Equal(SamplingDecision.Drop, Decide(sampler, default, ActivityKind.Client)); // a health probe, a daemon poll
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, default, ActivityKind.Internal, "marten.daemon.highwatermark"));
    }

    private static SamplingDecision Decide(Sampler sampler, ActivityContext parent, ActivityKind kind, string name = "GET /api/articles") =>
        sampler.ShouldSample(new SamplingParameters(parent, parent == default ? ActivityTraceId.CreateRandom() : parent.TraceId, name, kind)).Decision;

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
