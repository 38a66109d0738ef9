using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace NewsPlatform.Gateway.Caching;

/// <summary>
/// The output cache store with <see cref="ReaderCacheFreshness"/>'s rules applied where every entry passes: the
/// reader cache (<see cref="ReaderCachePolicy"/>) and the shared page parts alike. Every eviction bumps the
/// generation first; every store checks it before and after writing, so an eviction that overlaps a store either
/// stops it or removes what it wrote.
/// </summary>
public sealed class FreshnessGuardedStore(IOutputCacheStore inner, ReaderCacheFreshness freshness) : IOutputCacheBufferStore
{
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        freshness.Evicting();
        await inner.EvictByTagAsync(tag, cancellationToken);
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is IOutputCacheBufferStore buffers) return await buffers.TryGetAsync(key, destination, cancellationToken);
        var value = await inner.GetAsync(key, cancellationToken);
        if (value is null) return false;
        await destination.WriteAsync(value, cancellationToken);
        return true;
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        GuardedSetAsync(tags ?? [], others => inner.SetAsync(key, value, others, validFor, cancellationToken), cancellationToken);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor,
        CancellationToken cancellationToken) =>
        GuardedSetAsync(tags.ToArray(), others => inner is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, others, validFor, cancellationToken)
            : inner.SetAsync(key, value.ToArray(), others, validFor, cancellationToken), cancellationToken);

    private async ValueTask GuardedSetAsync(string[] tags, Func<string[], ValueTask> set, CancellationToken cancellationToken)
    {
        var (stamp, others) = ReaderCacheFreshness.Split(tags);
        if (stamp is null)
        {
            await set(others);
            return;
        }

        if (!freshness.MayStore(stamp.Value, others)) return;
        await set(others);
        // An eviction bumped the generation while this was written: what was written may be the older answer.
        if (freshness.Generation != stamp.Value)
        {
            foreach (var tag in others) await inner.EvictByTagAsync(tag, cancellationToken);
        }
    }
}

public static class FreshnessGuardedStoreRegistration
{
    /// <summary>Wraps the store that <c>AddOutputCache</c> registered (call it after) in <see cref="FreshnessGuardedStore"/>.</summary>
    public static IServiceCollection GuardOutputCacheStore(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IOutputCacheStore))
                         ?? throw new InvalidOperationException("AddOutputCache must come before GuardOutputCacheStore.");
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(provider => new FreshnessGuardedStore(
            registered.ImplementationInstance as IOutputCacheStore
            ?? registered.ImplementationFactory?.Invoke(provider) as IOutputCacheStore
            ?? (IOutputCacheStore)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
            provider.GetRequiredService<ReaderCacheFreshness>()));
        return services;
    }
}
