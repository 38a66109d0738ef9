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
