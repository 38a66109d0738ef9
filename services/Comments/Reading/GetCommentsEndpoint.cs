using Marten;
using Marten.Pagination;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Comments.Reading;

/// <summary>A published comment: never the e-mail or the IP. The body is plain text; JSON escapes it (<c>\u003C</c>).</summary>
public sealed record CommentView(
    Guid Id,
    Guid ArticleId,
    Guid? ParentId,
    string AuthorName,
    string? Website,
    string Body,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CommentView> Replies);

/// <summary>Top-level comments page by page (<c>items</c>, <c>threads</c>); <c>total</c> counts every approved comment.</summary>
public sealed record CommentThreadPage(IReadOnlyList<CommentView> Items, int Page, int PageSize, long Threads, int Total, bool Open);

/// <summary><c>GET /api/articles/{articleId}/comments</c>: the approved comments of a published article, as threads, oldest first.</summary>
public static class GetCommentsEndpoint
{
    public static async Task<IResult> Handle(Guid articleId, IQuerySession session, HttpResponse response,
        CancellationToken ct, int? page = null, int? pageSize = null)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;

        var thread = await session.LoadAsync<CommentThread>(articleId, ct);
        if (thread is not { ArticleLive: true }) return Problems.NotFound($"No published article {articleId} has comments.");

        var roots = await session.Query<Comment>()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved && c.ParentId == null)
            .OrderBy(c => c.CreatedAt)
            .ToPagedListAsync(paging.Page, paging.PageSize, ct);
        var rootIds = roots.Select(r => r.Id).ToArray();
        var replies = rootIds.Length == 0
            ? []
            : await session.Query<Comment>()
                .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved && c.ParentId != null && c.RootId.IsOneOf(rootIds))
                .OrderBy(c => c.CreatedAt)
                .ToListAsync(ct);
        var children = replies.ToLookup(r => r.ParentId!.Value);

        CommentView View(Comment c) => new(c.Id, c.ArticleId, c.ParentId, c.AuthorName, c.Website, c.Body, c.CreatedAt,
            [.. children[c.Id].Select(View)]);

        var total = await session.Query<Comment>().CountAsync(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved, ct);
        response.Headers.CacheControl = "public, max-age=5";
        return TypedResults.Ok(new CommentThreadPage([.. roots.Select(View)], paging.Page, paging.PageSize,
            roots.TotalItemCount, total, thread.IsOpen));
    }
}
