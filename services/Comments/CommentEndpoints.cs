using NewsPlatform.Comments.Moderation;
using NewsPlatform.Comments.Posting;
using NewsPlatform.Comments.Privacy;
using NewsPlatform.Comments.Reading;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Comments;

/// <summary>Every route of the comments service, in one place.</summary>
public static class CommentEndpoints
{
    public static IEndpointRouteBuilder MapCommentEndpoints(this IEndpointRouteBuilder app)
    {
        // Readers and guests
        var thread = app.MapGroup("/api/articles/{articleId:guid}/comments");
        thread.MapGet("", GetCommentsEndpoint.Handle).WithContentETag().AllowAnonymous();
        thread.MapPost("", PostCommentEndpoint.Handle).AllowAnonymous();
        app.MapPost("/api/comments/{id:guid}/flag", ModerationEndpoints.Flag).AllowAnonymous();

        // Newsroom
        thread.MapPost("close", ModerationEndpoints.Close).RequireAnyRole(Roles.Moderator, Roles.Editor);
        thread.MapPost("reopen", ModerationEndpoints.Reopen).RequireAnyRole(Roles.Moderator, Roles.Editor);
        thread.MapPut("settings", ModerationEndpoints.SetMode).RequireAnyRole(Roles.Moderator);

        var comments = app.MapGroup("/api/comments").RequireAnyRole(Roles.Moderator);
        comments.MapGet("moderation", ModerationEndpoints.Queue);
        comments.MapPost("{id:guid}/approve", ModerationEndpoints.Approve);
        comments.MapPost("{id:guid}/reject", ModerationEndpoints.Reject);
        comments.MapPost("{id:guid}/spam", ModerationEndpoints.Spam);
        comments.MapPost("bans", ModerationEndpoints.Ban);
        comments.MapDelete("bans/{email}", ModerationEndpoints.Unban);

        // Privacy: a commenter's right to erasure (docs/decisions/0007).
        app.MapPost("/api/comments/erasure", EraseCommenterEndpoint.Handle).RequireAnyRole(Roles.Admin)
            .Produces<ErasureDone>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        return app;
    }
}
