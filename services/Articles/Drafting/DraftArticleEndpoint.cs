using Ganss.Xss;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Articles.Permalinks;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;
using NewsPlatform.Platform.Writes;

namespace NewsPlatform.Articles.Drafting;

/// <summary><c>POST /api/articles</c>: a new draft, with a unique slug made from its title.</summary>
public static class DraftArticleEndpoint
{
    public static Task<IResult> Handle(ArticleInput input, HttpRequest http, ISessionFactory sessions,
        IOptions<SiteOptions> site, HtmlSanitizer sanitizer, TimeProvider clock, CancellationToken ct)
    {
        var errors = ArticleInputRules.Validate(input, site.Value, languageRequired: true);
        return WritePipeline.CreateAsync(sessions, http, new CreateCommand
        {
            Name = "articles.draft",
            IdempotencyScope = "articles",
            Input = input,
            // A slug taken by a racing draft fails the commit; the pipeline runs this again and it looks again.
            Run = async write =>
            {
                if (errors.Any) return Creation.Refused(Problems.Validation(errors.ToDictionary()));
                var clean = ArticleInputRules.Clean(input, sanitizer, input.Language!.Trim().ToLowerInvariant());
                var id = Guid.CreateVersion7();
                var slug = await SlugRegistry.ReserveAsync(write.Session, Slugs.From(clean.Title), id, write.Cancellation);
                var decision = ArticleDecider.Decide(new DraftArticle(id, slug, clean.Title, clean.Summary, clean.Body,
                    clean.Section, clean.Tags, clean.Authors, clean.Language, clean.NoAds, clock.GetUtcNow(), clean.Image));
                write.Session.Events.StartStream<Article>(id, [.. decision.Events]);

                var article = decision.Events.Aggregate((Article?)null, Article.Transition)! with { Version = decision.Events.Count };
                var view = ArticleView.From(article, 0);
                return Creation.Of(ArticleResponse.Created(view), StatusCodes.Status201Created, view,
                    $"/api/articles/{id}", Versioning.ETag(view.Version));
            },
        }, ct);
    }
}
