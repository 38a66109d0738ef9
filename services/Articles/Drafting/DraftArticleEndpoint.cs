using Ganss.Xss;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Articles.Drafting;

public sealed record DraftArticleRequest(
    string? Title,
    string? Summary,
    string? Body,
    string? Section,
    IReadOnlyList<string?>? Tags,
    IReadOnlyList<string?>? Authors,
    string? Language,
    bool? NoAds);

/// <summary><c>POST /api/articles</c>: a new draft.</summary>
public static class DraftArticleEndpoint
{
    public const int MaxBodyBytes = 200 * 1024;

    public static async Task<IResult> Handle(DraftArticleRequest request, IDocumentSession session,
        IOptions<SiteOptions> site, HtmlSanitizer sanitizer, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(request, site.Value);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var id = Guid.CreateVersion7();
        var title = request.Title!.Trim();
        var command = new DraftArticle(id, Slugs.From(title), title, request.Summary?.Trim() ?? "",
            sanitizer.Sanitize(request.Body ?? ""), request.Section!.Trim().ToLowerInvariant(), NormalizeTags(request.Tags),
            (request.Authors ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).Distinct().ToList(),
            request.Language!.Trim().ToLowerInvariant(), request.NoAds ?? false, clock.GetUtcNow());

        var decision = ArticleDecider.Decide(command);
        session.Events.StartStream<Article>(id, decision.Events.ToArray());
        await session.SaveChangesAsync(ct);

        var article = await session.LoadAsync<Article>(id, ct);
        return ArticleResponse.Created(article!);
    }

    public static IReadOnlyList<string> NormalizeTags(IEnumerable<string?>? tags) =>
        (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim().ToLowerInvariant()).Distinct().ToList();

    private static ValidationErrors Validate(DraftArticleRequest request, SiteOptions site)
    {
        var errors = new ValidationErrors()
            .Length("title", request.Title, 1, 200)
            .Length("summary", request.Summary, 0, 500);
        if (System.Text.Encoding.UTF8.GetByteCount(request.Body ?? "") > MaxBodyBytes)
            errors.Add("body", $"body must be at most {MaxBodyBytes / 1024} KB.");
        if (string.IsNullOrWhiteSpace(request.Section) || !site.Sections.Contains(request.Section.Trim(), StringComparer.OrdinalIgnoreCase))
            errors.Add("section", $"section must be one of: {string.Join(", ", site.Sections)}.");
        if (!site.IsSiteLanguage(request.Language?.Trim()))
            errors.Add("language", $"language must be one of the site languages: {string.Join(", ", site.Languages)}.");
        if (request.Tags?.Count > 30) errors.Add("tags", "At most 30 tags.");
        if (request.Tags?.Any(t => t?.Trim().Length > 50) == true) errors.Add("tags", "A tag is at most 50 characters.");
        return errors;
    }
}
