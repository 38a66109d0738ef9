using System.Security.Claims;
using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles.Reading;

/// <summary><c>GET /api/articles/{id}</c>: editors and analysts see every state, readers only what is published.</summary>
public static class GetArticleEndpoint
{
    public static async Task<IResult> Handle(Guid id, ClaimsPrincipal user, HttpRequest http, HttpResponse response,
        IQuerySession session, CancellationToken ct)
    {
        var article = await session.LoadAsync<Article>(id, ct);
        var privileged = user.IsInAnyRole(Roles.Editor, Roles.Analyst);
        if (article is null || (!privileged && article.Status != ArticleStatus.Published))
        {
            return Problems.NotFound($"No article {id}.");
        }

        response.Headers.CacheControl = privileged ? "private, no-cache" : "public, max-age=30";
        if (http.IsNotModified(article.Version))
        {
            response.SetETag(article.Version);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return ArticleResponse.Ok(article);
    }
}
