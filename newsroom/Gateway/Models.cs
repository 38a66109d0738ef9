using System.Text.Json;

namespace NewsPlatform.Newsroom.Gateway;

// What the console reads from the gateway's API (CONTRACT.md), as far as it shows it. Enums travel as strings.

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public sealed record DeskCard(Guid Id, string Slug, string Title, string Section, string Language, string Status, bool Featured,
    DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, DateTimeOffset? ScheduledFor, long Version, IReadOnlyList<string> Translations);

public sealed record ArticleImage(string Url, string Alt, string? Credit, int? Width, int? Height);

public sealed record Correction(string Text, DateTimeOffset At);

public sealed record TranslationLink(string Lang, string Slug, string Title);

public sealed record Article(Guid Id, string Slug, string Title, string Summary, string Body, string Section, IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors, string Language, string Status, bool Featured, DateTimeOffset? FirstPublishedAt,
    DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ScheduledFor, IReadOnlyList<Correction> Corrections,
    long Version, IReadOnlyList<TranslationLink> Translations, int CommentCount, bool NoAds, ArticleImage? Image);

/// <summary>What a draft or an edit sends (<c>POST /api/articles</c>, <c>PUT /api/articles/{id}</c>).</summary>
public sealed record ArticleWrite(string Title, string Summary, string Body, string Section, IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors, string Language, bool NoAds, ArticleImage? Image);

public sealed record HistoryEntry(long Version, string Type, DateTimeOffset At, string? Actor, JsonElement Data);

public sealed record QueuedComment(Guid Id, Guid ArticleId, Guid? ParentId, string AuthorName, string AuthorEmail, string? Website,
    string Body, string Ip, string Status, string? Reason, int Flags, DateTimeOffset CreatedAt);

public sealed record ThreadState(Guid ArticleId, bool Open, string? Mode, int ApprovedCount);

public sealed record TaskView(Guid ArticleId, string Lang, string Status, string SourceTitle, string SourceLanguage,
    DateTimeOffset SourcePublishedAt, long SourceVersion, long? TranslatedVersion, IReadOnlyList<string> ChangedFields, long? StaleSince);

public sealed record TaskPage(IReadOnlyList<TaskView> Items, int Page, int PageSize, long Total);

public sealed record TranslationView(Guid ArticleId, string Lang, string Status, string? Title, string? Summary, string? Body,
    string? Slug, long? SourceVersion, string SourceLanguage, long CurrentSourceVersion, IReadOnlyList<string> ChangedFields,
    long? StaleSince, DateTimeOffset? UpdatedAt, long Version);

public sealed record TranslationGroup(SourceRef Source, IReadOnlyList<TranslationSummary> Translations);

public sealed record SourceRef(string Lang, long Version);

public sealed record TranslationSummary(string Lang, string Status, string? Slug, string? Title, long? SourceVersion);

public sealed record Targeting(IReadOnlyList<string> Slots, IReadOnlyList<string> Sections, IReadOnlyList<string> Tags, IReadOnlyList<string> Languages);

public sealed record Creative(Guid Id, string Slot, string Kind, string? ImageUrl, string? Html, string? Text, string? AltText, int? Width,
    int? Height, string LandingUrl, string? Review, string? RejectionReason);

public sealed record Campaign(Guid Id, Guid AdvertiserId, string Name, string Priority, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    long? ImpressionGoal, long? DailyImpressionCap, Targeting Targeting, string Status, string? EndedBy, IReadOnlyList<Creative> Creatives,
    long Impressions, long Clicks, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record ReportBucket(DateTimeOffset Start, DateTimeOffset End, string Local, long Impressions, long Clicks, double Ctr);

public sealed record ReportTotals(long Impressions, long Clicks, double Ctr);

public sealed record CampaignReport(Guid CampaignId, string TimeZone, string Granularity, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<ReportBucket> Buckets, ReportTotals Totals);

public sealed record ProjectionState(string Name, long Position, long HighWaterMark, string Status);
