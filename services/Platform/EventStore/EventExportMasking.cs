using Microsoft.Extensions.DependencyInjection;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// What a service hides of its events in the analyst export (<c>GET {prefix}/events</c>): one mask per event type,
/// applied to each event on its way out, never to what is stored. A service that registers none exports its
/// events whole.
/// </summary>
public sealed class EventExportMasking
{
    private readonly Dictionary<Type, Func<object, object>> _masks = [];

    public EventExportMasking Mask<TEvent>(Func<TEvent, TEvent> mask) where TEvent : notnull
    {
        _masks[typeof(TEvent)] = data => mask((TEvent)data);
        return this;
    }

    public bool Masks(Type eventType) => _masks.ContainsKey(eventType);

    /// <summary>Whether any event type is masked at all.</summary>
    public bool Any => _masks.Count > 0;

    /// <summary>The event data as analysts may see it.</summary>
    public object Apply(object data) => _masks.TryGetValue(data.GetType(), out var mask) ? mask(data) : data;
}

public static class EventExportMaskingExtensions
{
    public static IServiceCollection AddEventExportMasking(this IServiceCollection services, Action<EventExportMasking> configure)
    {
        var masking = new EventExportMasking();
        configure(masking);
        return services.AddSingleton(masking);
    }
}
