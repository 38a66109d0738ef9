namespace NewsPlatform.Localization.Translations;

// A translation group is one stream per source article (stream id = article id): what the source is and which
// version it stands at, and per target language the lifecycle draft → in_review → published, with staleness
// when the source's text changes. Events that concern every language carry the group's target languages, so
// that the per-language task read model can follow them without reading the stream.

/// <summary>The source article was published for the first time: every other site language becomes a task.</summary>
public sealed record TranslationGroupOpened(
    Guid ArticleId,
    string SourceLanguage,
    long SourceVersion,
    string SourceTitle,
    string SourceSlug,
    DateTimeOffset SourcePublishedAt,
    IReadOnlyList<string> Targets,
    DateTimeOffset At);

/// <summary>The source was published again after a withdrawal; its translations stay unpublished until approved again.</summary>
public sealed record SourceRepublished(
    Guid ArticleId,
    long SourceVersion,
    string SourceTitle,
    string SourceSlug,
    IReadOnlyList<string> Targets,
    DateTimeOffset At);

/// <summary>
/// The source was revised. <see cref="MarksStale"/>: its title, summary or body changed, so every existing
/// translation is stale; a change of tags or section alone leaves them as they are.
/// </summary>
public sealed record SourceRevised(
    Guid ArticleId,
    long FromVersion,
    long ToVersion,
    IReadOnlyList<string> ChangedFields,
    bool MarksStale,
    IReadOnlyList<string> Targets,
    DateTimeOffset At);

/// <summary>The source article's slug changed; translators' links to it follow. It does not move the source version.</summary>
public sealed record SourceSlugChanged(Guid ArticleId, string Slug, long SourceVersion, DateTimeOffset At);

/// <summary>The source was unpublished or retracted; each published translation leaves with its own event.</summary>
public sealed record SourceWithdrawn(Guid ArticleId, long SourceVersion, string Reason, IReadOnlyList<string> Targets, DateTimeOffset At);

/// <summary>A translator saved the text of a language (the first time, or again); it translates <see cref="SourceVersion"/>.</summary>
public sealed record TranslationDraftSaved(
    Guid ArticleId,
    string Lang,
    string Title,
    string Summary,
    string Body,
    string Slug,
    long SourceVersion,
    string By,
    DateTimeOffset At);

/// <summary>A translator submitted a translation for an editor's approval.</summary>
public sealed record TranslationSubmitted(Guid ArticleId, string Lang, string By, DateTimeOffset At);

/// <summary>An editor approved the translation: it is published (relayed as the integration event TranslationPublished).</summary>
public sealed record TranslationApproved(
    Guid ArticleId,
    string Lang,
    string Title,
    string Summary,
    string Body,
    string Slug,
    long SourceVersion,
    string By,
    DateTimeOffset At);

/// <summary>A published translation left the site, by an editor's hand or with its source.</summary>
public sealed record TranslationUnpublished(Guid ArticleId, string Lang, string Reason, string By, DateTimeOffset At);
