namespace NewsPlatform.Articles.Domain;

// The article stream's events: past tense, facts only. Times come from the command, never from a clock here.
// Image came later than the other fields: it is the last, optional member, so events stored before it load as "no image".

public sealed record ArticleDrafted(
    Guid ArticleId,
    string Slug,
    string Title,
    string Summary,
    string Body,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    string Language,
    bool NoAds,
    DateTimeOffset At,
    ArticleImage? Image = null);

/// <summary>An article that readers have not seen was changed (a draft, a scheduled or an unpublished story).</summary>
public sealed record ArticleEdited(
    Guid ArticleId,
    string Title,
    string Summary,
    string Body,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    bool NoAds,
    DateTimeOffset At,
    ArticleImage? Image = null);

/// <summary>A published article was changed: a revision, with the fields that changed.</summary>
public sealed record ArticleRevised(
    Guid ArticleId,
    string Title,
    string Summary,
    string Body,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    bool NoAds,
    IReadOnlyList<string> ChangedFields,
    DateTimeOffset At,
    ArticleImage? Image = null);

public sealed record ArticleSlugChanged(Guid ArticleId, string OldSlug, string NewSlug, DateTimeOffset At);

public sealed record ArticleScheduled(Guid ArticleId, DateTimeOffset For, DateTimeOffset At);

public sealed record ArticleUnscheduled(Guid ArticleId, DateTimeOffset At);

/// <summary>The article went live; it records what readers saw at that moment, so it stands on its own.</summary>
public sealed record ArticlePublished(
    Guid ArticleId,
    string Slug,
    string Title,
    string Summary,
    string Section,
    IReadOnlyList<string> Tags,
    string Language,
    bool NoAds,
    DateTimeOffset PublishedAt);

public sealed record ArticleUnpublished(Guid ArticleId, string? Reason, DateTimeOffset At);

public sealed record ArticleRetracted(Guid ArticleId, string Reason, DateTimeOffset At);

public sealed record ArticleFeatured(Guid ArticleId, DateTimeOffset At);

public sealed record ArticleUnfeatured(Guid ArticleId, DateTimeOffset At);

public sealed record ArticleCorrected(Guid ArticleId, string Text, DateTimeOffset At);

// Facts the localization service reported (TranslationPublished / TranslationUnpublished), kept in the
// article's history because they change what readers of the article get.

public sealed record TranslationAttached(
    Guid ArticleId,
    string Lang,
    string Slug,
    string Title,
    string Summary,
    string Body,
    long SourceVersion,
    DateTimeOffset At);

public sealed record TranslationDetached(Guid ArticleId, string Lang, DateTimeOffset At);
