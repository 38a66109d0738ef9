using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsPlatform.Platform.Messaging;

namespace NewsPlatform.UnitTests.Platform;

/// <summary>
/// Messaging:QuorumQueues reaches the queue declarations MassTransit will send: the bus is built (not started, so no
/// broker is needed) and its configuration read back through MassTransit's own probe of every receive endpoint.
/// </summary>
public sealed class QuorumQueueTests
{
    [Fact]
    public void Durable_endpoints_are_quorum_queues_when_the_switch_is_on_and_temporary_ones_stay_classic()
    {
        var endpoints = Endpoints(("Messaging:QuorumQueues", "true"), ("Messaging:QuorumReplicationFactor", "3"));

        var shared = endpoints.Single(e => e.Contains("\"queueName\":\"quorumtest-shared-work\"", StringComparison.Ordinal));
        Assert.Contains("\"x-queue-type\":\"quorum\"", shared, StringComparison.Ordinal);
        Assert.Contains("\"x-quorum-initial-group-size\":3", shared, StringComparison.Ordinal);
        // A queue per replica and the bus's own reply queue: auto-delete, classic.
        var temporary = endpoints.Where(e => e.Contains("\"autoDelete\":true", StringComparison.Ordinal)).ToList();
        Assert.Contains(temporary, e => e.Contains("per-replica", StringComparison.Ordinal));
        Assert.All(temporary, e => Assert.DoesNotContain("x-queue-type", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Queues_stay_classic_without_the_switch()
    {
        var endpoints = Endpoints();

        Assert.Contains(endpoints, e => e.Contains("\"queueName\":\"quorumtest-shared-work\"", StringComparison.Ordinal));
        Assert.All(endpoints, e => Assert.DoesNotContain("x-queue-type", e, StringComparison.Ordinal));
    }

    /// <summary>The probe of each receive endpoint of a bus configured as a service configures it, as compact JSON.</summary>
    private static List<string> Endpoints(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Never connected to: the bus is only built.
            ["ConnectionStrings:RabbitMq"] = "amqp://nobody:nothing@127.0.0.1:1/",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddPlatformMessaging("quorumtest", bus =>
        {
            bus.AddConsumer<SharedWorkConsumer>();
            bus.AddConsumer<PerReplicaConsumer>().Endpoint(endpoint =>
            {
                endpoint.InstanceId = "replica1";
                endpoint.Temporary = true;
            });
        });
        using var host = builder.Build();
        var bus = host.Services.GetRequiredService<IBusControl>();
        var probe = System.Text.Json.JsonSerializer.Serialize(bus.GetProbeResult().Results);
        using var document = System.Text.Json.JsonDocument.Parse(probe);
        var found = new List<string>();
        Collect(document.RootElement, found);
        return found;
    }

    // Every object that declares a queue (has a queueName), anywhere in the probe tree.
    private static void Collect(System.Text.Json.JsonElement element, List<string> found)
    {
        if (element.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            if (element.TryGetProperty("queueName", out _)) found.Add(element.GetRawText().Replace(" ", "", StringComparison.Ordinal));
            foreach (var property in element.EnumerateObject()) Collect(property.Value, found);
        }
        else if (element.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Collect(item, found);
        }
    }

    public sealed record SharedWork;

    public sealed record PerReplicaWork;

    public sealed class SharedWorkConsumer : IConsumer<SharedWork>
    {
        public Task Consume(ConsumeContext<SharedWork> context) => Task.CompletedTask;
    }

    public sealed class PerReplicaConsumer : IConsumer<PerReplicaWork>
    {
        public Task Consume(ConsumeContext<PerReplicaWork> context) => Task.CompletedTask;
    }
}
