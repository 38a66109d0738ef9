using System.Text.Json.Serialization;

namespace NewsPlatform.Web.Site;

// schema.org NewsArticle for search engines. Serialized by System.Text.Json, whose default encoder writes <, > and &
// as \u003C, \u003E and \u0026: no headline can close the <script> element it is embedded in.

public sealed class NewsArticleLd
{
    [JsonPropertyName("@context")] public string Context => "https://schema.org";
    [JsonPropertyName("@type")] public string Type => "NewsArticle";
    public required string Headline { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? Image { get; init; }
    public string? DatePublished { get; init; }
    public string? DateModified { get; init; }
    public IReadOnlyList<PersonLd> Author { get; init; } = [];
    public required string InLanguage { get; init; }
    public string? ArticleSection { get; init; }
    public IReadOnlyList<string>? Keywords { get; init; }
    public required WebPageLd MainEntityOfPage { get; init; }
    public required OrganizationLd Publisher { get; init; }
}

public sealed class PersonLd
{
    [JsonPropertyName("@type")] public string Type => "Person";
    public required string Name { get; init; }
}

public sealed class WebPageLd
{
    [JsonPropertyName("@type")] public string Type => "WebPage";
    [JsonPropertyName("@id")] public required string Id { get; init; }
}

public sealed class OrganizationLd
{
    [JsonPropertyName("@type")] public string Type => "Organization";
    public required string Name { get; init; }
    public required ImageObjectLd Logo { get; init; }
}

public sealed class ImageObjectLd
{
    [JsonPropertyName("@type")] public string Type => "ImageObject";
    public required string Url { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NewsArticleLd))]
internal sealed partial class LdJson : JsonSerializerContext;
