using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Telemetry;

namespace NewsPlatform.Platform.Messaging;

/// <summary>
/// The outbox relay (docs/decisions/0001): a Marten subscription on the async daemon that publishes each
/// committed domain event that has an integration contract. Marten records the subscription's progress only
/// after this method returns, and each publish returns only once RabbitMQ confirmed it, so an event is
/// published at least once: a crash re-publishes the page, which consumers absorb by message id.
/// </summary>
public sealed class IntegrationEventRelay : SubscriptionBase
{
    public const string SubscriptionName = "IntegrationEventRelay";
    public const string StreamVersionHeader = "NewsPlatform-Stream-Version";
    public const string SequenceHeader = "NewsPlatform-Sequence";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);

    private readonly IntegrationEventMap _map;
    private readonly IBus _bus;
    private readonly ILogger<IntegrationEventRelay> _logger;

    public IntegrationEventRelay(IntegrationEventMap map, IBus bus, ILogger<IntegrationEventRelay> logger)
    {
        _map = map;
        _bus = bus;
        _logger = logger;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // The page's messages are all handed to the bus before any confirm is awaited: one publish at a time waited
        // a confirm round trip each, and under 100 publishes a second the relay fell seconds behind (issue 11). A
        // message whose first send failed is sent again until confirmed, and the page counts as done only after
        // every confirm. Consumers never had an order to rely on (each takes up to 32 messages at once); those whose
        // outcome depends on it check the stream or source version the message carries.
        var sent = new List<(IEvent Event, object Message, Task Confirmed)>(page.Events.Count);
        foreach (var @event in page.Events)
        {
            object? message;
            try
            {
                message = _map.ToIntegrationEvent(@event);
            }
            catch (Exception mappingFailure)
            {
                // A mapping that throws will throw on every retry: park the event, keep the rest moving.
                _logger.LogError(mappingFailure, "Event {Sequence} ({Type}) cannot be mapped; recorded as a dead letter",
                    @event.Sequence, @event.EventTypeName);
                await controller.RecordDeadLetterEventAsync(@event, mappingFailure);
                continue;
            }

            if (message is not null) sent.Add((@event, message, PublishOnceAsync(@event, message, cancellationToken)));
        }

        foreach (var (@event, message, confirmed) in sent)
        {
            try
            {
                await confirmed;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await PublishUntilConfirmedAsync(@event, message, controller, cancellationToken);
            }
        }

        return NullChangeListener.Instance;
    }

    private async Task PublishOnceAsync(IEvent @event, object message, CancellationToken cancellationToken)
    {
        using var activity = StartRelayActivity(@event, message);
        await Publish(@event, message, cancellationToken);
    }

    private Task Publish(IEvent @event, object message, CancellationToken cancellationToken) =>
        _bus.Publish(message, message.GetType(), context =>
        {
            context.MessageId = @event.Id;
            if (Guid.TryParse(@event.CorrelationId, out var correlationId)) context.CorrelationId = correlationId;
            context.Headers.Set(StreamVersionHeader, @event.Version);
            context.Headers.Set(SequenceHeader, @event.Sequence);
        }, cancellationToken);

    private async Task PublishUntilConfirmedAsync(IEvent @event, object message, ISubscriptionController controller,
        CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            using var activity = StartRelayActivity(@event, message);
            try
            {
                await Publish(@event, message, cancellationToken);
                return;
            }
            catch (Exception serializationFailure) when (serializationFailure is System.Text.Json.JsonException or NotSupportedException)
            {
                _logger.LogError(serializationFailure, "Event {Sequence} ({Type}) cannot be serialized; recorded as a dead letter",
                    @event.Sequence, @event.EventTypeName);
                await controller.RecordDeadLetterEventAsync(@event, serializationFailure);
                return;
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                // The broker is unreachable or did not confirm: the event stays where it is and we try again.
                activity?.AddException(failure);
                _logger.LogWarning(failure, "Publishing event {Sequence} ({Type}) failed on attempt {Attempt}; retrying in {Backoff}",
                    @event.Sequence, @event.EventTypeName, attempt, backoff);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Continues the trace of the request that appended the event, so one trace spans HTTP and RabbitMQ.</summary>
    private static Activity? StartRelayActivity(IEvent @event, object message)
    {
        var parent = default(ActivityContext);
        if (@event.Headers?.TryGetValue(TracedSessionFactory.TraceParentHeader, out var traceParent) == true)
        {
            @event.Headers.TryGetValue(TracedSessionFactory.TraceStateHeader, out var traceState);
            ActivityContext.TryParse(traceParent?.ToString(), traceState?.ToString(), out parent);
        }

        var activity = TelemetryExtensions.Source.StartActivity($"relay {message.GetType().Name}", ActivityKind.Internal, parent);
        activity?.SetTag("newsplatform.event.sequence", @event.Sequence);
        activity?.SetTag("newsplatform.event.stream", @event.StreamId);
        activity?.SetTag("newsplatform.event.version", @event.Version);
        return activity;
    }
}
