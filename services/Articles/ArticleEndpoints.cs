using NewsPlatform.Articles.Desk;
using NewsPlatform.Articles.Drafting;
using NewsPlatform.Articles.Editing;
using NewsPlatform.Articles.Feeds;
using NewsPlatform.Articles.History;
using NewsPlatform.Articles.Lifecycle;
using NewsPlatform.Articles.Publishing;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Articles.Searching;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles;

/// <summary>Every route of the articles service, in one place.</summary>
public static class ArticleEndpoints
{
    public static IEndpointRouteBuilder MapArticleEndpoints(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/api/articles");

        // Reader lists (anyone)
        articles.MapGet("", ListEndpoints.Latest).WithContentETag().AllowAnonymous();
        articles.MapGet("must-read", ListEndpoints.MustRead).WithContentETag().AllowAnonymous();
        articles.MapGet("by-slug/{slug}", ListEndpoints.BySlug).AllowAnonymous();
        articles.MapGet("search", SearchEndpoint.Handle).WithContentETag().AllowAnonymous()
            .Produces<PageOf<SearchHit>>().ProducesValidationProblem();
        articles.MapGet("{id:guid}/related", ListEndpoints.Related).WithContentETag().AllowAnonymous();
        articles.MapGet("{id:guid}", GetArticleEndpoint.Handle).AllowAnonymous(); // readers: published only

        // Newsroom (editors; analysts read history and the desk)
        articles.MapGet("desk", DeskListEndpoint.Handle).RequireAnyRole(Roles.Editor, Roles.Analyst);
        articles.MapGet("{id:guid}/history", HistoryEndpoint.Handle).RequireAnyRole(Roles.Editor, Roles.Analyst);
        articles.MapGet("as-of", AsOfEndpoint.Handle).RequireAnyRole(Roles.Editor, Roles.Analyst);
        articles.MapPost("", DraftArticleEndpoint.Handle).RequireAnyRole(Roles.Editor);
        articles.MapPut("{id:guid}", EditArticleEndpoint.Handle).RequireAnyRole(Roles.Editor);
        articles.MapPost("{id:guid}/publish", PublishArticleEndpoint.Handle).RequireAnyRole(Roles.Editor);
        articles.MapPost("{id:guid}/unpublish", LifecycleEndpoints.Unpublish).RequireAnyRole(Roles.Editor);
        articles.MapPost("{id:guid}/retract", LifecycleEndpoints.Retract).RequireAnyRole(Roles.Editor);
        articles.MapPost("{id:guid}/feature", LifecycleEndpoints.Feature).RequireAnyRole(Roles.Editor);
        articles.MapPost("{id:guid}/unfeature", LifecycleEndpoints.Unfeature).RequireAnyRole(Roles.Editor);
        articles.MapPost("{id:guid}/corrections", LifecycleEndpoints.Correct).RequireAnyRole(Roles.Editor);

        // Syndication (anyone)
        app.MapGet("/feeds/{lang}/latest.rss", FeedEndpoints.LatestRss).WithContentETag().AllowAnonymous();
        app.MapGet("/sitemap.xml", FeedEndpoints.Sitemap).WithContentETag().AllowAnonymous();
        return app;
    }
}
