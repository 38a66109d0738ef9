using System.Globalization;
using System.Net.Mail;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Writes;

namespace NewsPlatform.Comments.Posting;

public sealed record PostCommentRequest(string? AuthorName, string? AuthorEmail, string? Body, string? Website, Guid? ParentId);

public sealed record PostedComment(Guid Id, CommentStatus Status);

/// <summary>The posting limits (section <c>Comments:RateLimits</c>).</summary>
public sealed class CommentRateLimits
{
    public int SecondsBetweenCommentsPerEmail { get; set; } = 30;

    /// <summary>
    /// Comments one address may post a minute. 0 turns the per-address limit off: for a benchmark sending everything
    /// from one address, where the check would count that address's whole minute on every post.
    /// </summary>
    public int CommentsPerMinutePerIp { get; set; } = 20;
}

/// <summary>
/// <c>POST /api/articles/{articleId}/comments</c>: a guest comment. 202 with its status; 404 when the article is not
/// published, 409 when its thread is closed, 403 for a banned e-mail, 429 when the poster is too fast.
/// </summary>
public static class PostCommentEndpoint
{
    public const int MaxDepth = 3;

    public static Task<IResult> Handle(Guid articleId, PostCommentRequest request, HttpContext http,
        ISessionFactory sessions, IOptions<ModerationRules> rules, IOptions<CommentRateLimits> limits, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = Validate(request, out var email, out var website);
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return WritePipeline.CreateAsync(sessions, http.Request, new CreateCommand
        {
            Name = "comments.post",
            IdempotencyScope = $"comments:{articleId}",
            Input = request,
            Run = async write =>
            {
                if (errors.Any) return Creation.Refused(Problems.Validation(errors.ToDictionary()));
                var (session, token) = (write.Session, write.Cancellation);
                var thread = articleId == Guid.Empty ? null : await session.LoadAsync<CommentThread>(articleId, token);
                if (thread is not { ArticleLive: true }) return Creation.Refused(Problems.NotFound($"No published article {articleId} takes comments."));
                if (!thread.IsOpen) return Creation.Refused(Problems.Conflict("Comments on this article are closed."));
                if (await session.LoadAsync<EmailBan>(EmailBan.StreamIdFor(email), token) is { Active: true })
                {
                    return Creation.Refused(Problems.Forbidden("This e-mail address may not comment."));
                }

                Comment? parent = null;
                if (request.ParentId is { } parentId)
                {
                    parent = parentId == Guid.Empty ? null : await session.LoadAsync<Comment>(parentId, token);
                    if (parent is null || parent.ArticleId != articleId || !parent.IsApproved)
                        return Creation.Refused(Problems.Validation("parentId", "parentId must be a published comment of the same article."));
                    if (parent.Depth >= MaxDepth)
                        return Creation.Refused(Problems.Validation("parentId", $"Replies go at most {MaxDepth} levels deep."));
                }

                var now = clock.GetUtcNow();
                if (await TooFastAsync(session, email, ip, now, limits.Value, token) is { } wait) return Creation.Refused(TooManyRequests(wait));

                var window = now - rules.Value.DuplicateWindow;
                var body = request.Body!;
                var history = new PosterHistory(
                    await session.Query<Comment>().AnyAsync(c => c.AuthorEmail == email && c.Status == CommentStatus.Approved, token),
                    await session.Query<Comment>().AnyAsync(c => c.AuthorEmail == email && c.Body == body && c.CreatedAt > window, token));

                var id = Guid.CreateVersion7();
                var decision = CommentDecider.Decide(thread, new PostComment(id, articleId, parent, request.AuthorName!.Trim(), email,
                    website, body, ip, now), history, rules.Value);
                if (decision.IsRejected) return Creation.Refused(Problems.Conflict(decision.Rejection!));

                session.Events.StartStream<Comment>(id, [.. decision.Events]);
                var posted = (CommentPosted)decision.Events[0];
                var answer = new PostedComment(id, posted.Status);
                return Creation.Of(TypedResults.Accepted((string?)null, answer), StatusCodes.Status202Accepted, answer);
            },
        }, ct);
    }

    private static ValidationErrors Validate(PostCommentRequest request, out string email, out string? website)
    {
        var errors = new ValidationErrors()
            .Length("authorName", request.AuthorName, 1, 80)
            .Length("body", request.Body, 1, 5000);
        email = request.AuthorEmail?.Trim().ToLowerInvariant() ?? "";
        if (email.Length is 0 or > 254 || !MailAddress.TryCreate(email, out var address) || address.Address != email
            || !address.Host.Contains('.'))
        {
            errors.Add("authorEmail", "authorEmail must be a valid e-mail address.");
        }

        website = string.IsNullOrWhiteSpace(request.Website) ? null : request.Website.Trim();
        if (website is not null && (website.Length > 200 || !Uri.TryCreate(website, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add("website", "website must be an http(s) URL.");
        }

        return errors;
    }

    /// <summary>How long the poster must wait, or null: one comment per e-mail per interval, a cap per IP per minute.</summary>
    private static async Task<TimeSpan?> TooFastAsync(IQuerySession session, string email, string ip, DateTimeOffset now,
        CommentRateLimits limits, CancellationToken ct)
    {
        var emailWindow = TimeSpan.FromSeconds(limits.SecondsBetweenCommentsPerEmail);
        var since = now - emailWindow;
        var last = await session.Query<Comment>().Where(c => c.AuthorEmail == email && c.CreatedAt > since)
            .OrderByDescending(c => c.CreatedAt).Select(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (last != default) return last + emailWindow - now;

        if (limits.CommentsPerMinutePerIp == 0) return null;
        var minuteAgo = now.AddMinutes(-1);
        var recent = await session.Query<Comment>().Where(c => c.Ip == ip && c.CreatedAt > minuteAgo)
            .OrderBy(c => c.CreatedAt).Select(c => c.CreatedAt).Take(limits.CommentsPerMinutePerIp).ToListAsync(ct);
        return recent.Count >= limits.CommentsPerMinutePerIp ? recent[0].AddMinutes(1) - now : null;
    }

    private static IResult TooManyRequests(TimeSpan wait) =>
        TypedResults.Problem("You are commenting too fast; try again after the time in Retry-After.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests")
            .WithHeaders(("Retry-After", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)));
}
