using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using MassTransit;
using NewsPlatform.Platform.Messaging;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>
/// Waits for an eventually consistent outcome (a message crossing RabbitMQ) within a bound. Tests wait for
/// something that happens, never for time to pass: to show that X does not happen, they first wait for a
/// later event that proves the system got past the point where X would have happened.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        do
        {
            last = await probe();
            if (done(last)) return last;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s (last: {last}).");
    }

    /// <summary>The sequence number of the last event of <paramref name="type"/> in a stream, from the analysts' export.</summary>
    public static async Task<long> SequenceOf(HttpClient analyst, string service, Guid streamId, string type)
    {
        var response = await analyst.GetAsync($"/api/{service}/events?streamId={streamId}&types={type}&limit=1000");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The {service} event export answered {(int)response.StatusCode}.");
        }

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(l => JsonNode.Parse(l)!["sequence"]!.GetValue<long>()).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// Waits until the service's async daemon has seen event <paramref name="sequence"/> (its high-water mark, from
    /// <c>GET /api/{service}/projections</c>), and answers the projections as they then stood.
    /// </summary>
    public static async Task<JsonArray> DaemonHasSeen(HttpClient analyst, string service, long sequence, TimeSpan timeout)
    {
        var projections = await Until(async () => await (await analyst.GetAsync($"/api/{service}/projections")).ReadArray(),
            p => p.Any(s => s!["highWaterMark"]!.GetValue<long>() >= sequence), timeout,
            $"the {service} daemon reaching event {sequence}");
        return projections;
    }
}

/// <summary>
/// Counts how often a service's bus finished consuming chosen messages (applied, ignored as a duplicate, or
/// faulted), so a test can wait until a message was handled before asserting that it changed nothing.
/// </summary>
public sealed class ConsumedMessages : IConsumeObserver, IDisposable
{
    private readonly ConcurrentDictionary<Guid, int> _consumed = new();
    private readonly ConcurrentDictionary<Guid, int> _faulted = new();
    private readonly ConcurrentDictionary<Guid, Exception> _lastFault = new();
    private readonly ConnectHandle _handle;

    private ConsumedMessages(IBus bus) => _handle = bus.ConnectConsumeObserver(this);

    /// <summary>Starts watching; do so before publishing the messages.</summary>
    public static ConsumedMessages On(IBus bus) => new(bus);

    public int Consumed(Guid messageId) => _consumed.GetValueOrDefault(messageId);

    public int Faulted(Guid messageId) => _faulted.GetValueOrDefault(messageId);

    /// <summary>What this bus's consumers made of <paramref name="messageId"/> so far, for a failure message.</summary>
    public string Describe(Guid messageId) =>
        $"message {messageId}: consumed {Consumed(messageId)} time(s), faulted {Faulted(messageId)} time(s)" +
        (_lastFault.TryGetValue(messageId, out var fault) ? $", last fault: {fault.GetType().Name}: {fault.Message}" : "");

    /// <summary>Waits until <paramref name="messageId"/> was handled <paramref name="times"/> times (each delivery counts).</summary>
    public Task WaitFor(Guid messageId, int times, TimeSpan timeout, string what) =>
        Eventually.Until(() => Task.FromResult(Consumed(messageId) + Faulted(messageId)), n => n >= times, timeout, what);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id) _consumed.AddOrUpdate(id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        if (context.MessageId is { } id)
        {
            _faulted.AddOrUpdate(id, 1, (_, n) => n + 1);
            _lastFault[id] = exception;
        }
        return Task.CompletedTask;
    }

    public void Dispose() => _handle.Disconnect();
}

/// <summary>The outbox relay's shard in a service's projections list.</summary>
public static class RelayProgress
{
    public static long PositionIn(JsonArray projections) =>
        projections.Where(p => ((string)p!["name"]!).StartsWith(IntegrationEventRelay.SubscriptionName, StringComparison.Ordinal))
            .Select(p => p!["position"]!.GetValue<long>())
            .DefaultIfEmpty(0)
            .Min();
}
