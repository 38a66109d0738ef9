using System.Security.Claims;
using Ganss.Xss;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Articles.Permalinks;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Articles.Drafting;

/// <summary><c>POST /api/articles</c>: a new draft, with a unique slug made from its title.</summary>
public static class DraftArticleEndpoint
{
    public static async Task<IResult> Handle(ArticleInput input, HttpRequest http, ClaimsPrincipal user, ISessionFactory sessions,
        IOptions<SiteOptions> site, HtmlSanitizer sanitizer, TimeProvider clock, CancellationToken ct)
    {
        var key = Idempotency.KeyFor(http, user, "articles", out var keyProblem);
        if (keyProblem is not null) return keyProblem;

        var errors = ArticleInputRules.Validate(input, site.Value, languageRequired: true);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var clean = ArticleInputRules.Clean(input, sanitizer, input.Language!.Trim().ToLowerInvariant());

        try
        {
            return await SlugRegistry.WithRetryAsync(sessions, async session =>
            {
                if (await Idempotency.ReplayAsync(session, key, ct) is { } replay) return replay;

                var id = Guid.CreateVersion7();
                var slug = await SlugRegistry.ReserveAsync(session, Slugs.From(clean.Title), id, ct);
                var decision = ArticleDecider.Decide(new DraftArticle(id, slug, clean.Title, clean.Summary, clean.Body,
                    clean.Section, clean.Tags, clean.Authors, clean.Language, clean.NoAds, clock.GetUtcNow(), clean.Image));
                session.Events.StartStream<Article>(id, [.. decision.Events]);

                var article = decision.Events.Aggregate((Article?)null, Article.Transition)! with { Version = decision.Events.Count };
                var view = ArticleView.From(article, 0);
                Idempotency.Remember(session, key, StatusCodes.Status201Created, $"/api/articles/{id}",
                    Versioning.ETag(view.Version), view);
                await session.SaveChangesAsync(ct);
                return ArticleResponse.Created(view);
            });
        }
        catch (JasperFx.DocumentAlreadyExistsException) when (key is not null)
        {
            // The same key arrived twice at once and the other request committed first: answer as it did.
            await using var session = sessions.QuerySession();
            return await Idempotency.ReplayAsync(session, key, ct) ?? Problems.Conflict("Please retry the request.");
        }
    }
}
