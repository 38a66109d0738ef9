using System.Text.Json.Serialization;

namespace NewsPlatform.Articles.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ArticleStatus>))]
public enum ArticleStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("published")] Published,
    [JsonStringEnumMemberName("unpublished")] Unpublished,
    [JsonStringEnumMemberName("retracted")] Retracted,
}

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
    long Version)
{
    public static Article? Transition(Article? state, object @event) => (state, @event) switch
    {
        (null, ArticleDrafted e) => new Article(e.ArticleId, e.Slug, e.Title, e.Summary, e.Body, e.Section, e.Tags,
            e.Authors, e.Language, e.NoAds, ArticleStatus.Draft, Featured: false, CreatedAt: e.At, UpdatedAt: e.At,
            FirstPublishedAt: null, PublishedAt: null, ScheduledFor: null, Version: 0),
        (not null, ArticlePublished e) => state with
        {
            Status = ArticleStatus.Published,
            PublishedAt = e.PublishedAt,
            FirstPublishedAt = state.FirstPublishedAt ?? e.PublishedAt,
            ScheduledFor = null,
            UpdatedAt = e.PublishedAt,
        },
        _ => state,
    };
}
