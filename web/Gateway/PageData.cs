using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsPlatform.Web.Gateway;

// The shapes of the gateway's answers that the site reads. Every part may be missing or null (its service is down),
// and fields the site does not show are simply not declared.

public sealed record ImageData(string Url, string? Alt, string? Credit, int? Width, int? Height);

public sealed record CorrectionData(string Text, DateTimeOffset At);

public sealed record TranslationData(string Lang, string Slug, string Title);

public sealed record LanguageVersion(string Lang, string Slug, string? Title, bool? Original);

public sealed record ArticleData(
    Guid Id,
    string Slug,
    string Title,
    string? Summary,
    string? Body,
    string? Section,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? Authors,
    string Language,
    bool Featured,
    DateTimeOffset? FirstPublishedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<CorrectionData>? Corrections,
    IReadOnlyList<TranslationData>? Translations,
    int CommentCount,
    bool NoAds,
    ImageData? Image,
    string? Snippet);

public sealed record ArticleList(IReadOnlyList<ArticleData>? Items, int Page, int PageSize, long Total);

public sealed record CommentData(
    Guid Id,
    Guid? ParentId,
    string AuthorName,
    string? Website,
    string Body,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CommentData>? Replies);

public sealed record CommentList(IReadOnlyList<CommentData>? Items, int Total, bool? Open);

public sealed record AdData(
    Guid CampaignId,
    Guid CreativeId,
    string? Priority,
    string? Slot,
    string? Kind,
    string? ImageUrl,
    string? Html,
    string? Text,
    string? AltText,
    int? Width,
    int? Height,
    string ImpressionUrl,
    string ClickUrl);

public sealed record TermsData(IReadOnlyDictionary<string, string>? Sections, IReadOnlyDictionary<string, string>? Tags);

public sealed record WeatherData(string? Place, string? Name, double TemperatureC, string? Condition, DateTimeOffset? ObservedAt);

/// <summary><c>GET /api/pages/article/{slug}</c>.</summary>
public sealed record ArticlePageData(
    string? Lang,
    ArticleData Article,
    IReadOnlyList<LanguageVersion>? Languages,
    CommentList? Comments,
    ArticleList? MoreArticles,
    ArticleList? MustRead,
    ArticleList? LatestArticles,
    IReadOnlyDictionary<string, AdData?>? Ads,
    IReadOnlyDictionary<string, string>? Strings,
    TermsData? Terms,
    WeatherData? Weather);

/// <summary><c>GET /api/pages/home</c>: also the chrome (strings, terms, ads, weather) of search and error pages.</summary>
public sealed record HomePageData(
    string? Lang,
    ArticleList? LatestArticles,
    ArticleList? MustRead,
    IReadOnlyDictionary<string, AdData?>? Ads,
    IReadOnlyDictionary<string, string>? Strings,
    TermsData? Terms,
    WeatherData? Weather);

/// <summary>The body of <c>POST /api/articles/{id}/comments</c>.</summary>
public sealed record CommentPost(string AuthorName, string AuthorEmail, string Body, string? Website, Guid? ParentId);

public sealed record PostedComment(Guid Id, string Status);

public sealed record ProblemData(string? Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ArticlePageData))]
[JsonSerializable(typeof(Dictionary<string, AdData?>))]
[JsonSerializable(typeof(HomePageData))]
[JsonSerializable(typeof(ArticleList))]
[JsonSerializable(typeof(ArticleData))]
[JsonSerializable(typeof(CommentPost))]
[JsonSerializable(typeof(PostedComment))]
[JsonSerializable(typeof(ProblemData))]
internal sealed partial class GatewayJson : JsonSerializerContext;
