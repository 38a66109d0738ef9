using JasperFx.Events;
using Marten.Events.Aggregation;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Localization.Strings;

// The front end's UI strings, one catalog stream per language (id derived from "strings:{lang}"): the labels
// this release ships (seeded when missing, never over a translator's edit) and the translators' edits.

/// <summary>A language's UI strings were loaded in one go (at first start).</summary>
public sealed record StringsSeeded(string Lang, IReadOnlyDictionary<string, string> Entries, DateTimeOffset At);

/// <summary>A translator set one UI string in one language.</summary>
public sealed record StringChanged(string Lang, string Key, string Value, string By, DateTimeOffset At);

public sealed record StringCatalog(Guid Id, string Lang, IReadOnlyDictionary<string, string> Entries, long Version)
{
    public static Guid StreamId(string lang) => StreamIds.For($"strings:{lang}");

    public static StringCatalog? Transition(StringCatalog? state, object @event) => (state, @event) switch
    {
        (null, StringsSeeded e) => new StringCatalog(StreamId(e.Lang), e.Lang, e.Entries, 0),
        (null, StringChanged e) => new StringCatalog(StreamId(e.Lang), e.Lang, new Dictionary<string, string> { [e.Key] = e.Value }, 0),
        (null, _) => null,
        (_, StringsSeeded e) => state with { Entries = Merge(state.Entries, e.Entries.Where(s => !state.Entries.ContainsKey(s.Key))) },
        (_, StringChanged e) => state with { Entries = Merge(state.Entries, [new(e.Key, e.Value)]) },
        _ => state,
    };

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> entries, IEnumerable<KeyValuePair<string, string>> changes)
    {
        var merged = new Dictionary<string, string>(entries);
        foreach (var (key, value) in changes) merged[key] = value;
        return merged;
    }
}

public sealed class StringCatalogProjection : SingleStreamProjection<StringCatalog, Guid>
{
    public override StringCatalog? Evolve(StringCatalog? snapshot, Guid id, IEvent e) =>
        StringCatalog.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
