namespace NewsPlatform.Articles.Domain;

// The article stream's events: past tense, facts only. Times come from the command, never from a clock here.

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
    DateTimeOffset At);

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
