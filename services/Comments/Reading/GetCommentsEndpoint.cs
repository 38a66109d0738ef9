using Marten;
using Marten.Pagination;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Comments.Reading;

/// <summary>
/// A published comment: never the e-mail or the IP. The body is plain text; JSON escapes it (<c>\u003C</c>). An erased
/// comment with published replies shows as <c>[deleted]</c> (name and body), with no website.
/// </summary>
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

        // An erased comment leaves the thread; one with published replies under it stays as a "[deleted]" placeholder,
        // so those replies keep their place (docs/decisions/0007). Usually there is none, and this costs one query.
        var erasedRoots = await session.Query<Comment>()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Erased && c.ParentId == null)
            .Select(c => c.Id).ToListAsync(ct);
        var keptRoots = erasedRoots.Count == 0
            ? []
            : (await session.Query<Comment>()
                .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved && c.RootId.IsOneOf(erasedRoots.ToArray()))
                .Select(c => c.RootId).ToListAsync(ct)).Distinct().ToArray();

        var rootQuery = keptRoots.Length == 0
            ? session.Query<Comment>().Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved && c.ParentId == null)
            : session.Query<Comment>().Where(c => c.ArticleId == articleId && c.ParentId == null
                && (c.Status == CommentStatus.Approved || c.Id.IsOneOf(keptRoots)));
        var roots = await rootQuery.OrderBy(c => c.CreatedAt).ToPagedListAsync(paging.Page, paging.PageSize, ct);
        var rootIds = roots.Select(r => r.Id).ToArray();
        var replies = rootIds.Length == 0
            ? []
            : await session.Query<Comment>()
                .Where(c => c.ArticleId == articleId && (c.Status == CommentStatus.Approved || c.Status == CommentStatus.Erased)
                    && c.ParentId != null && c.RootId.IsOneOf(rootIds))
                .OrderBy(c => c.CreatedAt)
                .ToListAsync(ct);
        var children = replies.ToLookup(r => r.ParentId!.Value);

        CommentView? View(Comment c)
        {
            IReadOnlyList<CommentView> shownReplies = [.. children[c.Id].Select(View).OfType<CommentView>()];
            if (c.Status != CommentStatus.Erased)
            {
                return new CommentView(c.Id, c.ArticleId, c.ParentId, c.AuthorName, c.Website, c.Body, c.CreatedAt, shownReplies);
            }

            return shownReplies.Count == 0
                ? null
                : new CommentView(c.Id, c.ArticleId, c.ParentId, PersonalData.DeletedPlaceholder, null, PersonalData.DeletedPlaceholder,
                    c.CreatedAt, shownReplies);
        }

        var total = await session.Query<Comment>().CountAsync(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved, ct);
        response.Headers.CacheControl = "public, max-age=5";
        return TypedResults.Ok(new CommentThreadPage([.. roots.Select(View).OfType<CommentView>()], paging.Page, paging.PageSize,
            roots.TotalItemCount, total, thread.IsOpen));
    }
}
