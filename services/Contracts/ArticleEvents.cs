namespace NewsPlatform.Contracts;

// Integration events of the articles service (CONTRACT.md). Each carries the source stream version so
// that consumers can ignore a message that arrives after a newer one.

public sealed record ArticlePublished(
    Guid ArticleId,
    string Slug,
    string Title,
    string Summary,
    string Section,
    IReadOnlyList<string> Tags,
    string Language,
    DateTimeOffset PublishedAt,
    long Version,
    bool NoAds);

/// <summary>
/// A published article changed. CONTRACT.md names articleId, version and changedFields; section, tags and
/// noAds are added so that page context (advertising) need not ask for them.
/// </summary>
public sealed record ArticleRevised(
    Guid ArticleId,
    long Version,
    IReadOnlyList<string> ChangedFields,
    string Section,
    IReadOnlyList<string> Tags,
    bool NoAds);

public sealed record ArticleUnpublished(Guid ArticleId, string? Reason, long Version);

public sealed record ArticleRetracted(Guid ArticleId, string Reason, long Version);

public sealed record ArticleSlugChanged(Guid ArticleId, string OldSlug, string NewSlug, long Version);
