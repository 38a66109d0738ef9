using System.Text.Json.Serialization;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NewsPlatform.Localization.Translations;

public enum TranslationStatus
{
    Untranslated,
    Draft,
    InReview,
    Published,
    Stale,
}

public static class TranslationStatuses
{
    /// <summary>The status as CONTRACT.md writes it: <c>untranslated</c>, <c>draft</c>, <c>in_review</c>, <c>published</c>, <c>stale</c>.</summary>
    public static string Wire(this TranslationStatus status) => status == TranslationStatus.InReview ? "in_review" : status.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out TranslationStatus status)
    {
        status = default;
        var match = Enum.GetValues<TranslationStatus>().Where(s => s.Wire() == text?.Trim().ToLowerInvariant()).ToList();
        if (match.Count == 0) return false;
        status = match[0];
        return true;
    }
}

/// <summary>A translated text: what a draft says, or what is published.</summary>
public sealed record TranslationText(string Title, string Summary, string Body, string Slug, long SourceVersion);

/// <summary>
/// One target language of a group, without its text: status, slug and title, the source version it translates,
/// and, once the source changed, which fields changed since which version. <see cref="IsPublished"/> stays true
/// while a published translation is stale: readers keep it until a new one is approved.
/// </summary>
public sealed record LanguageState(
    string Lang,
    TranslationStatus Status,
    string? Title,
    string? Slug,
    long? SourceVersion,
    bool IsPublished,
    string? PublishedSlug,
    string? PublishedTitle,
    IReadOnlyList<string> StaleFields,
    long? StaleSince,
    DateTimeOffset? UpdatedAt)
{
    public static LanguageState Untranslated(string lang) =>
        new(lang, TranslationStatus.Untranslated, null, null, null, false, null, null, [], null, null);

    public bool Is(string lang) => string.Equals(Lang, lang, StringComparison.OrdinalIgnoreCase);

    /// <summary>What a group event does to this language (events about another language leave it as it is).</summary>
    public LanguageState Transition(object @event) => @event switch
    {
        SourceRevised { MarksStale: true } e when Status != TranslationStatus.Untranslated => this with
        {
            Status = TranslationStatus.Stale,
            StaleFields = [.. StaleFields.Union(e.ChangedFields.Where(TranslationDecider.TextFields.Contains)).Order()],
            StaleSince = StaleSince ?? SourceVersion ?? e.FromVersion,
            UpdatedAt = e.At,
        },
        TranslationDraftSaved e when Is(e.Lang) => this with
        {
            Status = TranslationStatus.Draft, Title = e.Title, Slug = e.Slug, SourceVersion = e.SourceVersion,
            StaleFields = [], StaleSince = null, UpdatedAt = e.At,
        },
        TranslationSubmitted e when Is(e.Lang) => this with { Status = TranslationStatus.InReview, UpdatedAt = e.At },
        TranslationApproved e when Is(e.Lang) => this with
        {
            Status = TranslationStatus.Published, Title = e.Title, Slug = e.Slug, SourceVersion = e.SourceVersion,
            IsPublished = true, PublishedSlug = e.Slug, PublishedTitle = e.Title, UpdatedAt = e.At,
        },
        TranslationUnpublished e when Is(e.Lang) => this with
        {
            Status = Status == TranslationStatus.Published ? TranslationStatus.Draft : Status,
            IsPublished = false, PublishedSlug = null, PublishedTitle = null, UpdatedAt = e.At,
        },
        _ => this,
    };
}

/// <summary>The translation group of one source article (stream id = article id), as the decider and the reads see it.</summary>
public sealed record TranslationGroup(
    Guid Id,
    string SourceLanguage,
    long SourceVersion,
    string SourceTitle,
    string SourceSlug,
    DateTimeOffset SourcePublishedAt,
    bool SourceLive,
    IReadOnlyList<LanguageState> Languages,
    IReadOnlyDictionary<string, TranslationText> Drafts,
    IReadOnlyDictionary<string, TranslationText> Published,
    long Version,
    long SlugVersion = 0)
{
    /// <summary>A group opened only to remember that its source was withdrawn before its publication arrived.</summary>
    [JsonIgnore]
    public bool IsKnown => SourceLanguage.Length > 0;

    public LanguageState? Language(string lang) => Languages.FirstOrDefault(l => l.Is(lang));

    public IReadOnlyList<string> Targets => [.. Languages.Select(l => l.Lang)];

    public static TranslationGroup? Transition(TranslationGroup? state, object @event) => (state, @event) switch
    {
        (null, TranslationGroupOpened e) => new TranslationGroup(e.ArticleId, e.SourceLanguage, e.SourceVersion, e.SourceTitle,
            e.SourceSlug, e.SourcePublishedAt, SourceLive: true, [.. e.Targets.Select(LanguageState.Untranslated)],
            new Dictionary<string, TranslationText>(), new Dictionary<string, TranslationText>(), 0),
        (null, _) => null,
        (_, SourceRepublished e) => state with { SourceLive = true, SourceVersion = e.SourceVersion, SourceTitle = e.SourceTitle, SourceSlug = e.SourceSlug },
        (_, SourceRevised e) => state with { SourceVersion = e.ToVersion, Languages = Each(state, e) },
        (_, SourceWithdrawn e) => state with { SourceLive = false, SourceVersion = e.SourceVersion },
        (_, SourceSlugChanged e) => state with { SourceSlug = e.Slug, SlugVersion = e.SourceVersion },
        (_, TranslationDraftSaved e) => state with
        {
            Languages = Each(state, e),
            Drafts = With(state.Drafts, e.Lang, new TranslationText(e.Title, e.Summary, e.Body, e.Slug, e.SourceVersion)),
        },
        (_, TranslationApproved e) => state with
        {
            Languages = Each(state, e),
            Published = With(state.Published, e.Lang, new TranslationText(e.Title, e.Summary, e.Body, e.Slug, e.SourceVersion)),
        },
        (_, TranslationUnpublished e) => state with
        {
            Languages = Each(state, e),
            Published = state.Published.Where(p => !string.Equals(p.Key, e.Lang, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(p => p.Key, p => p.Value),
        },
        (_, _) => state with { Languages = Each(state, @event) },
    };

    private static IReadOnlyList<LanguageState> Each(TranslationGroup state, object @event) =>
        [.. state.Languages.Select(l => l.Transition(@event))];

    private static Dictionary<string, TranslationText> With(IReadOnlyDictionary<string, TranslationText> texts, string lang, TranslationText text) =>
        new(texts.Where(t => !string.Equals(t.Key, lang, StringComparison.OrdinalIgnoreCase))) { [lang] = text };
}

public sealed class TranslationGroupProjection : SingleStreamProjection<TranslationGroup, Guid>
{
    public override TranslationGroup? Evolve(TranslationGroup? snapshot, Guid id, IEvent e) =>
        TranslationGroup.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
