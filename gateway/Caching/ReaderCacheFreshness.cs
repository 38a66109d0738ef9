using System.Collections.Concurrent;

namespace NewsPlatform.Gateway.Caching;

/// <summary>
/// What keeps an older answer out of the reader cache once the owning service's read model has moved on
/// (docs/decisions/0010). Two rules, checked by <see cref="FreshnessGuardedStore"/> whenever an answer is stored:
/// <list type="bullet">
/// <item>An answer is stored only if no eviction happened since its request began (<see cref="Stamp"/>): an
/// answer read before the service committed cannot land in the cache after the eviction that followed the commit.</item>
/// <item>While a change another service announced is still to be applied by the owner (a translation the articles
/// service has yet to attach, a comment count it has yet to store), answers with the owner's tag are not stored at
/// all, until the owner says it applied it (<see cref="Confirmed"/>) or <see cref="HoldLimit"/> passes.</item>
/// </list>
/// </summary>
public sealed class ReaderCacheFreshness(TimeProvider clock, TimeSpan holdLimit)
{
    /// <summary>The tag an entry carries to say when its request began; the store strips it before storing.</summary>
    public const string StampTagPrefix = "freshness-stamp:";

    private long _generation;
    private readonly ConcurrentDictionary<(string Tag, Guid Subject), DateTimeOffset> _awaited = new();

    public TimeSpan HoldLimit { get; } = holdLimit;

    /// <summary>How many evictions happened so far; bumped before every eviction.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The stamp of a request that begins now, as a tag for <see cref="Microsoft.AspNetCore.OutputCaching.IOutputCacheStore"/>.</summary>
    public string Stamp() => StampTagPrefix + Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Called before the store is evicted: every request under way from now on may not store what it read.</summary>
    public void Evicting() => Interlocked.Increment(ref _generation);

    /// <summary>Another service announced a change to <paramref name="subject"/> that the owner of <paramref name="tag"/> has still to apply.</summary>
    public void Awaiting(string tag, Guid subject) => _awaited[(tag, subject)] = clock.GetUtcNow() + HoldLimit;

    /// <summary>The owner committed a change to <paramref name="subject"/>: what it serves from now on may be stored again.</summary>
    public void Confirmed(string tag, Guid subject) => _awaited.TryRemove((tag, subject), out _);

    /// <summary>Whether an answer whose request began at <paramref name="stamp"/> and carries <paramref name="tags"/> may be stored.</summary>
    public bool MayStore(long stamp, IEnumerable<string> tags) => stamp == Generation && !tags.Any(IsHeld);

    public bool IsHeld(string tag)
    {
        var now = clock.GetUtcNow();
        var held = false;
        foreach (var (key, until) in _awaited)
        {
            if (until <= now) _awaited.TryRemove(KeyValuePair.Create(key, until)); // the owner ignored it (an older translation) or is slow: stop waiting
            else if (key.Tag == tag) held = true;
        }

        return held;
    }

    /// <summary>The stamp in an entry's tags, and its other tags; no stamp: the entry did not ask to be guarded.</summary>
    public static (long? Stamp, string[] Tags) Split(IEnumerable<string> tags)
    {
        long? stamp = null;
        var others = new List<string>();
        foreach (var tag in tags)
        {
            if (tag.StartsWith(StampTagPrefix, StringComparison.Ordinal)
                && long.TryParse(tag.AsSpan(StampTagPrefix.Length), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                stamp = value;
            }
            else
            {
                others.Add(tag);
            }
        }

        return (stamp, [.. others]);
    }
}
