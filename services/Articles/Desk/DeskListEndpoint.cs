using Marten;
using Marten.Pagination;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles.Desk;

/// <summary>A story on the newsroom's desk: every state, with what an editor needs to pick it (no body).</summary>
public sealed record DeskCard(
    Guid Id,
    string Slug,
    string Title,
    string Section,
    string Language,
    string Status,
    bool Featured,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ScheduledFor,
    long Version,
    IReadOnlyList<string> Translations);

/// <summary>
/// <c>GET /api/articles/desk?status=&amp;section=&amp;lang=&amp;q=</c> (editors, analysts): every story whatever its state,
/// most recently changed first. The readers' list (<c>GET /api/articles</c>) stays published-only and cacheable; this one
/// is private, so the newsroom can find its drafts and scheduled stories.
/// </summary>
public static class DeskListEndpoint
{
    public static async Task<IResult> Handle(IQuerySession session, HttpResponse response, CancellationToken ct,
        string? status = null, string? section = null, string? lang = null, string? q = null, int? page = null, int? pageSize = null)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;
        var query = session.Query<Article>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<ArticleStatus>(status.Trim(), ignoreCase: true, out var wanted) || int.TryParse(status, out _))
            {
                return Problems.Validation("status", "status is one of draft, scheduled, published, unpublished, retracted.");
            }

            query = query.Where(a => a.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(section)) { var s = section.Trim().ToLowerInvariant(); query = query.Where(a => a.Section == s); }
        if (!string.IsNullOrWhiteSpace(lang)) { var l = lang.Trim().ToLowerInvariant(); query = query.Where(a => a.Language == l); }
        if (!string.IsNullOrWhiteSpace(q))
        {
            if (q.Length > 200) return Problems.Validation("q", "q is at most 200 characters.");
            var text = q.Trim();
            query = query.Where(a => a.Title.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        var items = await query.OrderByDescending(a => a.UpdatedAt).ToPagedListAsync(paging.Page, paging.PageSize, ct);
        response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Ok(new PageOf<DeskCard>([.. items.Select(a => new DeskCard(a.Id, a.Slug, a.Title, a.Section, a.Language,
            a.Status.ToString().ToLowerInvariant(), a.Featured, a.UpdatedAt, a.PublishedAt, a.ScheduledFor, a.Version,
            [.. a.Translations.Select(t => t.Lang)]))], paging.Page, paging.PageSize, items.TotalItemCount));
    }
}
