using Ganss.Xss;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Drafting;
using NewsPlatform.Articles.Permalinks;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Articles.Editing;

/// <summary>
/// <c>PUT /api/articles/{id}</c>: change the content. Editing a published article is a revision. The slug follows
/// the title while the article was never published; afterwards only when the editor sends <c>updateSlug: true</c>,
/// so published links stay stable (an old slug still answers, with 301).
/// </summary>
public static class EditArticleEndpoint
{
    public static async Task<IResult> Handle(Guid id, ArticleInput input, HttpRequest http, ISessionFactory sessions,
        IOptions<SiteOptions> site, HtmlSanitizer sanitizer, TimeProvider clock, CancellationToken ct)
    {
        var errors = ArticleInputRules.Validate(input, site.Value, languageRequired: false);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        return await ArticleCommands.ExecuteAsync("edit", id, http, sessions, async (article, write) =>
        {
            if (input.Language is not null && !string.Equals(input.Language.Trim(), article.Language, StringComparison.OrdinalIgnoreCase))
            {
                return Platform.Domain.Decision.Reject("The language of an article cannot change; translate it instead.");
            }

            var clean = ArticleInputRules.Clean(input, sanitizer, article.Language);
            var slugShouldFollow = clean.Title != article.Title && (article.FirstPublishedAt is null || input.UpdateSlug == true);
            var newSlug = slugShouldFollow ? await SlugRegistry.ReserveAsync(write.Session, Slugs.From(clean.Title), id, write.Cancellation) : null;
            return ArticleDecider.Decide(article, new EditArticle(id, clean.Title, clean.Summary, clean.Body, clean.Section,
                clean.Tags, clean.Authors, clean.NoAds, newSlug, clock.GetUtcNow(), clean.Image));
        }, ct);
    }
}
