using Marten;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NewsPlatform.Platform.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ with publisher confirms. Queues are named after the service
    /// (<c>comments-article-published</c>): replicas of one service compete on a queue, and every service
    /// gets its own copy of each event. A failing message is retried in memory, then held for longer
    /// retries while it stays unacknowledged in the broker, then moved to its <c>_error</c> queue.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformMessaging(this IHostApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var rabbit = builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured.");
        // Replicas of a service share its queues; a test run adds a suffix so parallel runs on one broker stay apart.
        var queueSuffix = builder.Configuration["Messaging:QueueSuffix"];
        var quorum = QuorumQueueSettings.From(builder.Configuration);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new ServiceEndpointNameFormatter(serviceName, queueSuffix));
            // MassTransit reports usage to an outside host at start-up unless told not to: a newsroom's platform
            // calls no third party unasked (issue 12).
            bus.DisableUsageTelemetry();
            consumers?.Invoke(bus);
            if (quorum.Enabled) bus.AddConfigureEndpointsCallback((_, _, endpoint) => quorum.Apply(endpoint));
            bus.UsingRabbitMq((context, rabbitMq) =>
            {
                rabbitMq.Host(new Uri(rabbit), host =>
                {
                    host.PublisherConfirmation = true;
                    host.Heartbeat(TimeSpan.FromSeconds(10));
                });
                rabbitMq.PrefetchCount = 32;
                // Outer stage: long pauses while the message stays unacked in RabbitMQ (no delayed-exchange plugin here).
                rabbitMq.UseMessageRetry(retry => retry.Intervals(
                    TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(3)));
                // Inner stage: quick retries for the common transient case (a concurrent append, a lock).
                rabbitMq.UseMessageRetry(retry => retry.Exponential(5,
                    TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(200)));
                rabbitMq.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// <c>Messaging:QuorumQueues=true</c> (production, several broker nodes) declares every durable receive endpoint as a
    /// quorum queue, replicated by Raft over <c>Messaging:QuorumReplicationFactor</c> nodes (the broker's default when
    /// unset). A temporary endpoint (auto-delete, not durable: the bus's own reply queue, a queue per replica) stays classic:
    /// RabbitMQ refuses an auto-delete quorum queue, and a queue that dies with its consumer needs no replicas.
    /// A queue's type is fixed when it is declared: switching an existing broker means new queues (docs/decisions/0017).
    /// </summary>
    public sealed record QuorumQueueSettings(bool Enabled, int? ReplicationFactor)
    {
        public static QuorumQueueSettings From(IConfiguration configuration) => new(
            configuration.GetValue("Messaging:QuorumQueues", false),
            configuration.GetValue<int?>("Messaging:QuorumReplicationFactor"));

        public void Apply(IReceiveEndpointConfigurator endpoint)
        {
            if (!Enabled) return;
            if (endpoint is IRabbitMqReceiveEndpointConfiguration { Settings: { Durable: true, AutoDelete: false } }
                and IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.SetQuorumQueue(ReplicationFactor);
            }
        }
    }

    /// <summary><c>{service}-{message-or-consumer}[-suffix]</c>, e.g. <c>comments-article-published</c>.</summary>
    private sealed class ServiceEndpointNameFormatter(string service, string? suffix)
        : KebabCaseEndpointNameFormatter(service, includeNamespace: false)
    {
        public override string SanitizeName(string name) =>
            string.IsNullOrEmpty(suffix) || name.EndsWith(suffix, StringComparison.Ordinal) ? base.SanitizeName(name) : base.SanitizeName(name) + "-" + suffix;
    }

    /// <summary>Runs the outbox relay for the domain events <paramref name="map"/> names.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddIntegrationEventRelay(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IServiceCollection services,
        Action<IntegrationEventMap> map)
    {
        var integrationEvents = new IntegrationEventMap();
        map(integrationEvents);
        services.AddSingleton(integrationEvents);
        return marten.AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton, subscription =>
        {
            subscription.Name = IntegrationEventRelay.SubscriptionName;
            // Only the events that leave the service are read from the store.
            foreach (var type in integrationEvents.DomainEventTypes)
            {
                subscription.IncludeType(type);
            }

            subscription.Options.BatchSize = 200;
        });
    }
}
