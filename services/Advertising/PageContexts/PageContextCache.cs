using System.Collections.Concurrent;
using Marten;
using Marten.Linq.LastModified;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Hosting;

namespace NewsPlatform.Advertising.PageContexts;

/// <summary>
/// The page contexts that decisions asked for, in memory, so that a page view's decision reads no database for its
/// article (docs/decisions/0005). An article is read once, on its first decision; the consumer that changes a page
/// context drops it from this replica's memory after its commit, and every <see cref="AdvertisingOptions.CacheRefresh"/>
/// each replica re-reads the contexts changed lately, so another replica's change reaches it within that second, as
/// campaigns do. An article nobody has heard of is remembered as unknown, and its first context replaces that.
/// </summary>
public sealed class PageContextCache(IDocumentStore store, IOptions<AdvertisingOptions> options, ILogger<PageContextCache> logger)
    : PeriodicWork(logger, options.Value.CacheRefresh)
{
    /// <summary>Contexts re-read each time back to this long before the previous refresh began: commits that started before it, clocks apart.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);

    /// <summary>Past this many remembered articles (ids that readers made up count too) the memory starts again.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<Guid, PageContext?> known = new();
    private DateTimeOffset? lastRefresh;

    public async ValueTask<PageContext?> GetAsync(Guid articleId, CancellationToken ct)
    {
        if (known.TryGetValue(articleId, out var remembered)) return remembered;
        await using var session = store.QuerySession();
        var context = await session.LoadAsync<PageContext>(articleId, ct);
        if (known.Count >= MaxEntries) known.Clear();
        // A refresh may have stored a newer copy meanwhile: it wins, and if this older one won the race instead, the
        // refreshes of the next few seconds (Overlap) put the newer one back.
        known.TryAdd(articleId, context);
        return context;
    }

    /// <summary>This replica committed a change to the article's context: the next decision reads it again.</summary>
    public void Forget(Guid articleId) => known.TryRemove(articleId, out _);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        if (lastRefresh is { } since && !known.IsEmpty)
        {
            await using var session = store.QuerySession();
            var changed = await session.Query<PageContext>().Where(c => c.ModifiedSince(since - Overlap)).ToListAsync(ct);
            foreach (var context in changed)
            {
                if (known.ContainsKey(context.Id)) known[context.Id] = context;
            }
        }

        lastRefresh = started;
    }
}
