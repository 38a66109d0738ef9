using System.Text;
using Ganss.Xss;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Articles.Drafting;

/// <summary>The editable fields of an article, as a draft or an edit sends them.</summary>
public sealed record ArticleInput(
    string? Title,
    string? Summary,
    string? Body,
    string? Section,
    IReadOnlyList<string?>? Tags,
    IReadOnlyList<string?>? Authors,
    string? Language,
    bool? NoAds,
    bool? UpdateSlug = null,
    ImageInput? Image = null);

/// <summary>Checked and cleaned input: trimmed text, sanitised HTML, normalised tags.</summary>
public sealed record CleanArticle(
    string Title,
    string Summary,
    string Body,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    string Language,
    bool NoAds,
    ArticleImage? Image);

public static class ArticleInputRules
{
    public const int MaxTitle = 200;
    public const int MaxSummary = 500;
    public const int MaxBodyBytes = 200 * 1024;
    public const int MaxTags = 30;
    public const int MaxTagLength = 50;
    public const int MaxAuthors = 10;

    public static ValidationErrors Validate(ArticleInput input, SiteOptions site, bool languageRequired)
    {
        var errors = new ValidationErrors()
            .Length("title", input.Title, 1, MaxTitle)
            .Length("summary", input.Summary, 0, MaxSummary);
        if (Encoding.UTF8.GetByteCount(input.Body ?? "") > MaxBodyBytes)
            errors.Add("body", $"body must be at most {MaxBodyBytes / 1024} KB.");
        if (string.IsNullOrWhiteSpace(input.Section) || !site.Sections.Contains(input.Section.Trim(), StringComparer.OrdinalIgnoreCase))
            errors.Add("section", $"section must be one of: {string.Join(", ", site.Sections)}.");
        if ((languageRequired || input.Language is not null) && !site.IsSiteLanguage(input.Language?.Trim()))
            errors.Add("language", $"language must be one of the site languages: {string.Join(", ", site.Languages)}.");
        if (input.Tags?.Count > MaxTags) errors.Add("tags", $"At most {MaxTags} tags.");
        if (input.Tags?.Any(t => t?.Trim().Length > MaxTagLength) == true) errors.Add("tags", $"A tag is at most {MaxTagLength} characters.");
        if (input.Authors?.Count > MaxAuthors) errors.Add("authors", $"At most {MaxAuthors} authors.");
        if (input.Authors?.Any(a => a?.Trim().Length > 100) == true) errors.Add("authors", "An author name is at most 100 characters.");
        ImageRules.Validate(input.Image, errors);
        return errors;
    }

    public static CleanArticle Clean(ArticleInput input, HtmlSanitizer sanitizer, string language) => new(
        input.Title!.Trim(),
        input.Summary?.Trim() ?? "",
        sanitizer.Sanitize(input.Body ?? ""),
        input.Section!.Trim().ToLowerInvariant(),
        NormalizeTags(input.Tags),
        [.. (input.Authors ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).Distinct()],
        language,
        input.NoAds ?? false,
        ImageRules.Clean(input.Image));

    /// <summary>Tags are trimmed, lower-cased and de-duplicated, in the order given.</summary>
    public static IReadOnlyList<string> NormalizeTags(IEnumerable<string?>? tags) =>
        [.. (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim().ToLowerInvariant()).Distinct()];
}
