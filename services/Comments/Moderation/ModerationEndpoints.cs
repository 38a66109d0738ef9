using System.Security.Claims;
using Marten;
using Marten.Pagination;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Writes;

namespace NewsPlatform.Comments.Moderation;

public sealed record ReasonRequest(string? Reason);

public sealed record FlagRequest(string? Reason);

public sealed record BanRequest(string? Email);

public sealed record ModeRequest(string? Mode);

public sealed record CommentState(Guid Id, CommentStatus Status);

/// <summary>What moderators see: everything, e-mail and IP included, with why a comment waits.</summary>
public sealed record QueuedComment(
    Guid Id,
    Guid ArticleId,
    Guid? ParentId,
    string AuthorName,
    string AuthorEmail,
    string? Website,
    string Body,
    string Ip,
    CommentStatus Status,
    string? Reason,
    int Flags,
    DateTimeOffset CreatedAt);

public sealed record ThreadState(Guid ArticleId, bool Open, ModerationMode? Mode, int ApprovedCount);

/// <summary>Moderation: the queue, approve, reject, spam, reader flags, bans, and closing or reopening a thread.</summary>
public static class ModerationEndpoints
{
    public static async Task<IResult> Queue(IQuerySession session, CancellationToken ct, string? status = null, int? page = null,
        int? pageSize = null)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;
        if (!ResultExtensions.TryParseName<CommentStatus>(status ?? "pending", out var wanted))
        {
            return Problems.Validation("status", "status is one of pending, approved, rejected, spam, hidden, erased.");
        }

        var items = await session.Query<Comment>().Where(c => c.Status == wanted).OrderBy(c => c.CreatedAt)
            .ToPagedListAsync(paging.Page, paging.PageSize, ct);
        return TypedResults.Ok(new PageOf<QueuedComment>([.. items.Select(c => new QueuedComment(c.Id, c.ArticleId, c.ParentId,
            c.AuthorName, c.AuthorEmail, c.Website, c.Body, c.Ip, c.Status, c.HeldReason, c.FlaggingIps.Count, c.CreatedAt))],
            paging.Page, paging.PageSize, items.TotalItemCount));
    }

    public static Task<IResult> Approve(Guid id, ClaimsPrincipal user, ISessionFactory sessions, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return CommentWrites.ChangeAsync("comments.approve", sessions, id, c => CommentDecider.Decide(c, new ApproveComment(id, user.ActorName(), now)),
            Answer, ct);
    }

    public static Task<IResult> Reject(Guid id, ReasonRequest request, ClaimsPrincipal user, ISessionFactory sessions,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors().Length("reason", request.Reason, 1, 500);
        if (errors.Any) return Task.FromResult(Problems.Validation(errors.ToDictionary()));
        var now = clock.GetUtcNow();
        return CommentWrites.ChangeAsync("comments.reject", sessions, id,
            c => CommentDecider.Decide(c, new RejectComment(id, request.Reason!.Trim(), user.ActorName(), now)), Answer, ct);
    }

    public static Task<IResult> Spam(Guid id, ClaimsPrincipal user, ISessionFactory sessions, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return CommentWrites.ChangeAsync("comments.spam", sessions, id, c => CommentDecider.Decide(c, new MarkCommentAsSpam(id, user.ActorName(), now)),
            Answer, ct);
    }

    /// <summary>Anyone may flag a published comment; each IP counts once.</summary>
    public static Task<IResult> Flag(Guid id, FlagRequest request, HttpContext http, ISessionFactory sessions, TimeProvider clock,
        CancellationToken ct)
    {
        if (!ResultExtensions.TryParseName<FlagReason>(request.Reason, out var reason))
        {
            return Task.FromResult(Problems.Validation("reason", "reason is one of offensive, abusive, spam, other."));
        }

        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = clock.GetUtcNow();
        return CommentWrites.ChangeAsync("comments.flag", sessions, id, c => CommentDecider.Decide(c, new FlagComment(id, reason, ip, now)),
            c => TypedResults.Accepted((string?)null, new CommentState(c.Id, c.Status == CommentStatus.Approved ? c.Status : CommentStatus.Pending)),
            ct, publicOnly: true);
    }

    /// <summary>
    /// Ban an e-mail: new comments are refused at once, and its comments leave public reads (and the counts). The request
    /// records the ban only — one event on one stream; hiding each comment is the subscription's work
    /// (<see cref="BanEnforcer"/>), so a ban of a prolific author is not thousands of writes in one request and a crash
    /// halfway cannot leave it half done. The answer waits, briefly and bounded, until those comments have left the public
    /// reads, so that a moderator who looks right after sees what the ban did.
    /// </summary>
    public static async Task<IResult> Ban(BanRequest request, ClaimsPrincipal user, ISessionFactory sessions, TimeProvider clock,
        CancellationToken ct)
    {
        var email = request.Email?.Trim().ToLowerInvariant() ?? "";
        if (email.Length is 0 or > 254 || !email.Contains('@')) return Problems.Validation("email", "email must be an e-mail address.");
        var banId = EmailBan.StreamIdFor(email);

        int visible;
        await using (var query = sessions.QuerySession())
        {
            visible = await BanEnforcer.VisibleCommentsOf(query, email).CountAsync(ct);
        }

        var banned = await WritePipeline.ExecuteAsync(sessions, null, new WriteCommand<EmailBan>
        {
            Name = "comments.ban",
            StreamId = banId,
            NotFound = $"{email} is not banned.",
            WhenAbsent = () => new EmailBan(banId, email, false, 0),
            VersionOf = b => b.Version,
            Expectation = Expectation.Latest,
            Decide = (b, _) => ValueTask.FromResult(b.Active
                ? Platform.Domain.Decision.Nothing
                : Platform.Domain.Decision.Accept(new EmailBanned(email, user.ActorName(), clock.GetUtcNow()))),
            Answer = _ => ValueTask.FromResult<IResult>(TypedResults.Created($"/api/comments/bans/{Uri.EscapeDataString(email)}",
                new { email, banned = true, hiddenComments = visible })),
        }, ct);
        await BanEnforcer.WaitUntilHiddenAsync(sessions, email, ct);
        return banned;
    }

    public static Task<IResult> Unban(string email, ClaimsPrincipal user, ISessionFactory sessions, TimeProvider clock,
        CancellationToken ct) =>
        WritePipeline.ExecuteAsync(sessions, null, new WriteCommand<EmailBan>
        {
            Name = "comments.unban",
            StreamId = EmailBan.StreamIdFor(email),
            NotFound = $"{email} is not banned.",
            VersionOf = b => b.Version,
            Expectation = Expectation.Latest,
            Admit = b => b.Active ? null : Problems.NotFound($"{email} is not banned."),
            Decide = (b, _) => ValueTask.FromResult(Platform.Domain.Decision.Accept(
                new EmailUnbanned(email.Trim().ToLowerInvariant(), user.ActorName(), clock.GetUtcNow()))),
            Answer = _ => ValueTask.FromResult<IResult>(TypedResults.NoContent()),
        }, ct);

    public static async Task<IResult> Close(Guid articleId, ISessionFactory sessions, TimeProvider clock, CancellationToken ct) =>
        await ThreadChange("comments.thread.close", articleId, sessions, t => ThreadDecider.Decide(t, new CloseThread(articleId, "closed by the newsroom", null, clock.GetUtcNow())), ct);

    public static async Task<IResult> Reopen(Guid articleId, ISessionFactory sessions, TimeProvider clock, CancellationToken ct) =>
        await ThreadChange("comments.thread.reopen", articleId, sessions, t => ThreadDecider.Decide(t, new ReopenThread(articleId, clock.GetUtcNow())), ct);

    /// <summary>The article's moderation mode: <c>pre</c>, <c>post</c>, or null for the site-wide mode.</summary>
    public static async Task<IResult> SetMode(Guid articleId, ModeRequest request, ISessionFactory sessions, TimeProvider clock,
        CancellationToken ct)
    {
        ModerationMode? mode = null;
        if (request.Mode is not null)
        {
            if (!ResultExtensions.TryParseName<ModerationMode>(request.Mode, out var parsed))
                return Problems.Validation("mode", "mode is pre, post, or null for the site-wide mode.");
            mode = parsed;
        }

        return await ThreadChange("comments.thread.mode", articleId, sessions, t => t.Mode == mode
            ? Platform.Domain.Decision.Nothing
            : Platform.Domain.Decision.Accept(new ModerationModeChanged(articleId, mode, clock.GetUtcNow())), ct);
    }

    private static Task<IResult> ThreadChange(string name, Guid articleId, ISessionFactory sessions,
        Func<CommentThread, Platform.Domain.Decision> decide, CancellationToken ct) =>
        CommentWrites.ChangeThreadAsync(name, sessions, articleId, decide,
            t => TypedResults.Ok(new ThreadState(articleId, t.IsOpen, t.Mode, t.ApprovedCount)), ct);

    private static IResult Answer(Comment c) => TypedResults.Ok(new CommentState(c.Id, c.Status));
}
