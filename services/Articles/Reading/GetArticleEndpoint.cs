using System.Security.Claims;
using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles.Reading;

/// <summary>
/// <c>GET /api/articles/{id}</c>: editors and analysts see every state, readers only what is published (anything
/// else is 404 to them). <c>?asOf=</c> (editors, analysts) rebuilds the article from its events up to that time.
/// </summary>
public static class GetArticleEndpoint
{
    public static async Task<IResult> Handle(Guid id, ClaimsPrincipal user, HttpRequest http, HttpResponse response,
        IQuerySession session, CancellationToken ct, DateTimeOffset? asOf = null)
    {
        var privileged = user.IsInAnyRole(Roles.Editor, Roles.Analyst);
        if (asOf is not null)
        {
            if (user.Identity?.IsAuthenticated != true) return TypedResults.Unauthorized();
            if (!privileged) return Problems.Forbidden("Only editors and analysts can read an article as it stood in the past.");
            var events = await session.Events.FetchStreamAsync(id, timestamp: asOf, token: ct);
            var past = events.Aggregate((Article?)null, (state, e) => Article.Transition(state, e.Data) is { } next
                ? next with { Version = e.Version }
                : null);
            if (past is null) return Problems.NotFound($"Article {id} did not exist at {asOf:O}.");
            response.Headers.CacheControl = "private, no-cache";
            return ArticleResponse.Ok(ArticleView.From(past, 0));
        }

        var article = await session.LoadAsync<Article>(id, ct);
        if (article is null || (!privileged && !article.IsPublished))
        {
            return Problems.NotFound($"No article {id}.");
        }

        response.Headers.CacheControl = privileged ? "private, no-cache" : ReaderCache.Article;
        return http.NotModified(article.Version) ?? ArticleResponse.Ok(await ArticleResponse.ViewAsync(session, article, ct), article.Language);
    }
}

/// <summary>How long readers and shared caches (the gateway) may keep what they read.</summary>
public static class ReaderCache
{
    public const string Article = "public, max-age=30";
    public const string List = "public, max-age=15";
    public const string Feed = "public, max-age=300";
}
