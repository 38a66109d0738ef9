using NewsPlatform.Articles.Drafting;
using NewsPlatform.Articles.Editing;
using NewsPlatform.Articles.Feeds;
using NewsPlatform.Articles.History;
using NewsPlatform.Articles.Lifecycle;
using NewsPlatform.Articles.Publishing;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Articles;

/// <summary>Every route of the articles service, in one place.</summary>
public static class ArticleEndpoints
{
    public static IEndpointRouteBuilder MapArticleEndpoints(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/api/articles");

        // Reader lists (anyone)
        articles.MapGet("", ListEndpoints.Latest);
        articles.MapGet("must-read", ListEndpoints.MustRead);
        articles.MapGet("by-slug/{slug}", ListEndpoints.BySlug);
        articles.MapGet("{id:guid}/related", ListEndpoints.Related);
        articles.MapGet("{id:guid}", GetArticleEndpoint.Handle);

        // Newsroom (editors; analysts read history)
        articles.MapGet("{id:guid}/history", HistoryEndpoint.Handle).RequireAuthorization(Roles.Editor, Roles.Analyst);
        articles.MapPost("", DraftArticleEndpoint.Handle).RequireAuthorization(Roles.Editor);
        articles.MapPut("{id:guid}", EditArticleEndpoint.Handle).RequireAuthorization(Roles.Editor);
        articles.MapPost("{id:guid}/publish", PublishArticleEndpoint.Handle).RequireAuthorization(Roles.Editor);
        articles.MapPost("{id:guid}/unpublish", LifecycleEndpoints.Unpublish).RequireAuthorization(Roles.Editor);
        articles.MapPost("{id:guid}/retract", LifecycleEndpoints.Retract).RequireAuthorization(Roles.Editor);
        articles.MapPost("{id:guid}/feature", LifecycleEndpoints.Feature).RequireAuthorization(Roles.Editor);
        articles.MapPost("{id:guid}/unfeature", LifecycleEndpoints.Unfeature).RequireAuthorization(Roles.Editor);
        articles.MapPost("{id:guid}/corrections", LifecycleEndpoints.Correct).RequireAuthorization(Roles.Editor);

        // Syndication (anyone)
        app.MapGet("/feeds/{lang}/latest.rss", FeedEndpoints.LatestRss);
        app.MapGet("/sitemap.xml", FeedEndpoints.Sitemap);
        return app;
    }
}
