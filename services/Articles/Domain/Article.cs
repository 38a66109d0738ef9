namespace NewsPlatform.Articles.Domain;

public enum ArticleStatus
{
    Draft,
    Scheduled,
    Published,
    Unpublished,
    Retracted,
}

public sealed record Correction(string Text, DateTimeOffset At);

public sealed record Translation(string Lang, string Slug, string Title, string Summary, string Body, long SourceVersion);

/// <summary>The article as its events leave it: an immutable record, evolved one event at a time.</summary>
public sealed record Article(
    Guid Id,
    string Slug,
    string Title,
    string Summary,
    string Body,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    string Language,
    bool NoAds,
    ArticleStatus Status,
    bool Featured,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstPublishedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ScheduledFor,
    IReadOnlyList<Correction> Corrections,
    IReadOnlyList<Translation> Translations,
    long Version,
    ArticleImage? Image = null)
{
    /// <summary>The original language and every published translation: what list filters by <c>lang</c> match.</summary>
    public IReadOnlyList<string> Languages => [Language, .. Translations.Select(t => t.Lang)];

    public bool IsPublished => Status == ArticleStatus.Published;

    public Translation? TranslationIn(string lang) =>
        Translations.FirstOrDefault(t => string.Equals(t.Lang, lang, StringComparison.OrdinalIgnoreCase));

    public static Article? Transition(Article? state, object @event) => (state, @event) switch
    {
        (null, ArticleDrafted e) => new Article(e.ArticleId, e.Slug, e.Title, e.Summary, e.Body, e.Section, e.Tags,
            e.Authors, e.Language, e.NoAds, ArticleStatus.Draft, Featured: false, CreatedAt: e.At, UpdatedAt: e.At,
            FirstPublishedAt: null, PublishedAt: null, ScheduledFor: null, Corrections: [], Translations: [], Version: 0, e.Image),
        (null, _) => null,
        (_, ArticleEdited e) => state with
        {
            Title = e.Title, Summary = e.Summary, Body = e.Body, Section = e.Section, Tags = e.Tags, Authors = e.Authors,
            NoAds = e.NoAds, Image = e.Image, UpdatedAt = e.At,
        },
        (_, ArticleRevised e) => state with
        {
            Title = e.Title, Summary = e.Summary, Body = e.Body, Section = e.Section, Tags = e.Tags, Authors = e.Authors,
            NoAds = e.NoAds, Image = e.Image, UpdatedAt = e.At,
        },
        (_, ArticleSlugChanged e) => state with { Slug = e.NewSlug, UpdatedAt = e.At },
        (_, ArticleScheduled e) => state with { Status = ArticleStatus.Scheduled, ScheduledFor = e.For, UpdatedAt = e.At },
        // A story that was live before goes back to being unpublished, not to being a draft it never was again.
        (_, ArticleUnscheduled e) => state with
        {
            Status = state.FirstPublishedAt is null ? ArticleStatus.Draft : ArticleStatus.Unpublished,
            ScheduledFor = null,
            UpdatedAt = e.At,
        },
        (_, ArticlePublished e) => state with
        {
            Status = ArticleStatus.Published,
            PublishedAt = e.PublishedAt,
            FirstPublishedAt = state.FirstPublishedAt ?? e.PublishedAt,
            ScheduledFor = null,
            UpdatedAt = e.PublishedAt,
        },
        (_, ArticleUnpublished e) => state with { Status = ArticleStatus.Unpublished, Featured = false, UpdatedAt = e.At },
        (_, ArticleRetracted e) => state with { Status = ArticleStatus.Retracted, Featured = false, UpdatedAt = e.At },
        (_, ArticleFeatured e) => state with { Featured = true, UpdatedAt = e.At },
        (_, ArticleUnfeatured e) => state with { Featured = false, UpdatedAt = e.At },
        (_, ArticleCorrected e) => state with { Corrections = [.. state.Corrections, new Correction(e.Text, e.At)], UpdatedAt = e.At },
        (_, TranslationAttached e) => state with
        {
            Translations =
            [
                .. state.Translations.Where(t => !string.Equals(t.Lang, e.Lang, StringComparison.OrdinalIgnoreCase)),
                new Translation(e.Lang, e.Slug, e.Title, e.Summary, e.Body, e.SourceVersion),
            ],
        },
        (_, TranslationDetached e) => state with
        {
            Translations = [.. state.Translations.Where(t => !string.Equals(t.Lang, e.Lang, StringComparison.OrdinalIgnoreCase))],
        },
        _ => state,
    };
}
