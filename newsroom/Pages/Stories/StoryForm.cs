using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Stories;

/// <summary>The story form as typed: kept whole whatever the API answers, so nothing is lost on 400, 409 or 412.</summary>
public sealed class StoryForm
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? Section { get; set; }
    public string? Tags { get; set; }
    public string? Authors { get; set; }
    public string? Language { get; set; }
    public bool NoAds { get; set; }
    public string? ImageUrl { get; set; }
    public string? ImageAlt { get; set; }
    public string? ImageCredit { get; set; }
    public int? ImageWidth { get; set; }
    public int? ImageHeight { get; set; }

    /// <summary>The version this form was started from: the <c>If-Match</c> of the save.</summary>
    public string? Version { get; set; }

    /// <summary>A new story's create key: a double submit creates one story.</summary>
    public string? IdempotencyKey { get; set; }

    public static readonly string[] Fields =
        ["title", "summary", "body", "section", "tags", "authors", "language", "noAds", "image", "image.url", "image.alt", "image.credit", "image.width", "image.height"];

    public static StoryForm From(Article a, string? etag) => new()
    {
        Title = a.Title, Summary = a.Summary, Body = a.Body, Section = a.Section, Tags = string.Join(", ", a.Tags),
        Authors = string.Join(", ", a.Authors), Language = a.Language, NoAds = a.NoAds, ImageUrl = a.Image?.Url, ImageAlt = a.Image?.Alt,
        ImageCredit = a.Image?.Credit, ImageWidth = a.Image?.Width, ImageHeight = a.Image?.Height,
        Version = NewsroomApi.Unquote(etag ?? a.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    public ArticleWrite ToWrite() => new(
        Title ?? "", Summary ?? "", Body ?? "", Section ?? "", Split(Tags), Split(Authors), Language ?? "", NoAds,
        // No picture unless one is named: the API then checks the alternative text is there too.
        string.IsNullOrWhiteSpace(ImageUrl) && string.IsNullOrWhiteSpace(ImageAlt)
            ? null
            : new ArticleImage(ImageUrl?.Trim() ?? "", ImageAlt?.Trim() ?? "", ImageCredit?.Trim(), ImageWidth, ImageHeight));

    private static List<string> Split(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
