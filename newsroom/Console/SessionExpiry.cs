using Microsoft.AspNetCore.Authentication;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Console;

/// <summary>
/// When the gateway refuses the session's token (revoked, expired without refresh), the session ends and the user signs
/// in again, coming back to the page they were on: the URL itself for a GET, the page that posted for a form.
/// </summary>
public sealed class SessionExpiry(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (SessionExpiredException) when (!context.Response.HasStarted)
        {
            await context.SignOutAsync(NewsroomAuth.CookieScheme);
            var back = HttpMethods.IsGet(context.Request.Method)
                ? $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}"
                : SamePageOf(context) ?? $"{context.Request.PathBase}/";
            context.Response.Clear();
            await context.ChallengeAsync(NewsroomAuth.OidcScheme, new AuthenticationProperties { RedirectUri = back });
        }
    }

    /// <summary>The console page a form was posted from (its Referer, when it is one of ours).</summary>
    private static string? SamePageOf(HttpContext context)
    {
        if (!Uri.TryCreate(context.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)) return null;
        return referer.AbsolutePath.StartsWith(context.Request.PathBase + "/", StringComparison.Ordinal)
            ? referer.PathAndQuery
            : null;
    }
}
