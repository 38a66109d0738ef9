namespace NewsPlatform.Articles.Domain;

// The article stream's events: past tense, facts only. Times come from the command, never from a clock here.
// Image came later than the other fields: it is the last, optional member, so events stored before it load as "no image".

/// <summary>A story was created as a draft; its first stream event.</summary>
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

/// <summary>The story's address changed; the old slug redirects to the new one.</summary>
public sealed record ArticleSlugChanged(Guid ArticleId, string OldSlug, string NewSlug, DateTimeOffset At);

/// <summary>The story will go live at `For` by itself (an `article_published` follows then).</summary>
public sealed record ArticleScheduled(Guid ArticleId, DateTimeOffset For, DateTimeOffset At);

/// <summary>A scheduled publication was cancelled.</summary>
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

/// <summary>The story was taken off the site (it can be published again).</summary>
public sealed record ArticleUnpublished(Guid ArticleId, string? Reason, DateTimeOffset At);

/// <summary>The story was withdrawn for good, with the reason (it leaves the site, its comments and translations close).</summary>
public sealed record ArticleRetracted(Guid ArticleId, string Reason, DateTimeOffset At);

/// <summary>The story was put on the Must Read list.</summary>
public sealed record ArticleFeatured(Guid ArticleId, DateTimeOffset At);

/// <summary>The story left the Must Read list.</summary>
public sealed record ArticleUnfeatured(Guid ArticleId, DateTimeOffset At);

/// <summary>A correction note was added to the story (shown under it, dated).</summary>
public sealed record ArticleCorrected(Guid ArticleId, string Text, DateTimeOffset At);

// Facts the localization service reported (TranslationPublished / TranslationUnpublished), kept in the
// article's history because they change what readers of the article get.

/// <summary>A translation of the story was published (reported by localization) and is served with `?lang=`.</summary>
public sealed record TranslationAttached(
    Guid ArticleId,
    string Lang,
    string Slug,
    string Title,
    string Summary,
    string Body,
    long SourceVersion,
    DateTimeOffset At);

/// <summary>A translation of the story was unpublished (reported by localization).</summary>
public sealed record TranslationDetached(Guid ArticleId, string Lang, DateTimeOffset At);
