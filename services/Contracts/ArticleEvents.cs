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

/// <summary>
/// The articles service committed version <paramref name="Version"/> of an article, with its read model (the article
/// projection is inline), for a change that readers see and no other article event names: a translation attached
/// or detached, featured, unfeatured, corrected. Published by the relay after that commit, so a cache that evicts
/// on it can never re-store the older answer (docs/decisions/0010). Not in CONTRACT.md's table: the gateway's own.
/// </summary>
public sealed record ArticleChanged(Guid ArticleId, long Version, string Change);
