using JasperFx.Events;

namespace NewsPlatform.Platform.Messaging;

/// <summary>
/// Which domain events leave the service, and as what integration event of <c>NewsPlatform.Contracts</c>.
/// Domain events without an entry stay private to the service.
/// </summary>
public sealed class IntegrationEventMap
{
    private readonly Dictionary<Type, Func<IEvent, object?>> _maps = [];

    public IReadOnlyCollection<Type> DomainEventTypes => _maps.Keys;

    /// <summary>Publish <typeparamref name="TDomain"/> as what <paramref name="map"/> returns (null: not this one).</summary>
    public IntegrationEventMap Map<TDomain>(Func<IEvent<TDomain>, object?> map) where TDomain : notnull
    {
        _maps[typeof(TDomain)] = e => map((IEvent<TDomain>)e);
        return this;
    }

    public object? ToIntegrationEvent(IEvent @event) =>
        _maps.TryGetValue(@event.EventType, out var map) ? map(@event) : null;
}
