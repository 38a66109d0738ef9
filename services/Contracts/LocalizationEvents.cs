namespace NewsPlatform.Contracts;

// Integration events of the localization service (CONTRACT.md).

public sealed record TranslationPublished(
    Guid ArticleId,
    string Lang,
    string Slug,
    string Title,
    string Summary,
    string Body,
    long SourceVersion);

public sealed record TranslationUnpublished(Guid ArticleId, string Lang);

/// <summary>
/// A UI string or a section/tag term changed (and the localization service's catalog projections with it, inline):
/// the gateway evicts the page parts that carry strings and terms (docs/decisions/0010). <paramref name="Catalog"/>
/// is <c>strings</c> or <c>terms</c>; <paramref name="Lang"/> is null when every language may have changed.
/// </summary>
public sealed record CatalogChanged(string Catalog, string? Lang);
