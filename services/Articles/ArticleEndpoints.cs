using NewsPlatform.Articles.Drafting;
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
        articles.MapPost("", DraftArticleEndpoint.Handle).RequireAuthorization(Roles.Editor);
        articles.MapPost("{id:guid}/publish", PublishArticleEndpoint.Handle).RequireAuthorization(Roles.Editor);
        articles.MapGet("{id:guid}", GetArticleEndpoint.Handle);
        return app;
    }
}
