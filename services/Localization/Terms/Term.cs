using JasperFx.Events;
using Marten.Events.Aggregation;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Localization.Terms;

// A term is a section or a tag, one stream each (id derived from "term:{kind}:{key}"): seen once, then named
// in any language by translators. Sections come from the site's configuration, tags from the articles' events.

/// <summary>A section or tag was used by a published story for the first time, so it needs names.</summary>
public sealed record TermSeen(string Kind, string Key, DateTimeOffset At);

/// <summary>A section or tag was given its name in one language.</summary>
public sealed record TermNamed(string Kind, string Key, string Lang, string Name, string By, DateTimeOffset At);

public static class TermKinds
{
    public const string Sections = "sections";
    public const string Tags = "tags";

    public static bool IsKnown(string? kind) => kind is Sections or Tags;

    public static Guid StreamId(string kind, string key) => StreamIds.For($"term:{kind}:{key}");
}

public sealed record Term(Guid Id, string Kind, string Key, DateTimeOffset FirstSeenAt, IReadOnlyDictionary<string, string> Names, long Version)
{
    public static Term? Transition(Term? state, object @event) => (state, @event) switch
    {
        (null, TermSeen e) => new Term(TermKinds.StreamId(e.Kind, e.Key), e.Kind, e.Key, e.At, new Dictionary<string, string>(), 0),
        (null, _) => null,
        (_, TermNamed e) => state with
        {
            Names = new Dictionary<string, string>(state.Names.Where(n => !string.Equals(n.Key, e.Lang, StringComparison.OrdinalIgnoreCase)))
            {
                [e.Lang] = e.Name,
            },
        },
        _ => state,
    };

    /// <summary>The name along a fallback chain, key by key; the key itself when no language of the chain has one.</summary>
    public string NameIn(IReadOnlyList<string> chain) =>
        chain.Select(lang => Names.FirstOrDefault(n => string.Equals(n.Key, lang, StringComparison.OrdinalIgnoreCase)).Value)
            .FirstOrDefault(name => name is not null) ?? Key;

    public bool IsNamedIn(string lang) => Names.Keys.Any(k => string.Equals(k, lang, StringComparison.OrdinalIgnoreCase));
}

public sealed class TermProjection : SingleStreamProjection<Term, Guid>
{
    public override Term? Evolve(Term? snapshot, Guid id, IEvent e) =>
        Term.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
