using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using NewsPlatform.Identity.Clients;
using NewsPlatform.Identity.Data;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NewsPlatform.Identity.Connect;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to the application: it has validated the request (client,
/// redirect URI, PKCE, grant permissions); these decide who the token is for.
/// </summary>
public static class ConnectEndpoints
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/logout";
    public const string UserInfoPath = "/connect/userinfo";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], Authorize).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(TokenPath, Exchange).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSession).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Signed in (the Identity cookie) and allowed to: an authorization code for the client. Otherwise the sign-in page,
    /// which comes back here with the same request when done.
    /// </summary>
    private static async Task<IResult> Authorize(HttpContext http, UserManager<StaffUser> users, SignInManager<StaffUser> signIn)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal!) : null;

        if (user is null || !await signIn.CanSignInAsync(user) || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            if (user is not null) await signIn.SignOutAsync();
            // Back here with the same parameters after signing in (prompt=login is honoured once, not forever).
            var query = request.HasPromptValue(PromptValues.Login)
                ? QueryWithout(http.Request, Parameters.Prompt)
                : http.Request.QueryString.Value ?? "";
            return Results.Challenge(new AuthenticationProperties
            {
                RedirectUri = http.Request.PathBase + http.Request.Path + query,
            }, [IdentityConstants.ApplicationScheme]);
        }

        var principal = await TokenClaims.ForUserAsync(user, users, request.GetScopes());
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string QueryWithout(HttpRequest request, string parameter)
    {
        var kept = request.Query.Where(p => !string.Equals(p.Key, parameter, StringComparison.Ordinal))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return QueryString.Create(kept).Value ?? "";
    }

    /// <summary>The token endpoint: codes and refresh tokens become tokens for a user still allowed in; clients sign in as themselves.</summary>
    private static async Task<IResult> Exchange(HttpContext http, UserManager<StaffUser> users, SignInManager<StaffUser> signIn,
        IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted)
                ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
            var properties = await applications.GetPropertiesAsync(application, http.RequestAborted);
            var roles = properties.TryGetValue(ClientIds.RolesProperty, out var value) && value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select(r => r.GetString()).OfType<string>().ToList()
                : [];
            var principal = TokenClaims.ForClient(request.ClientId!,
                await applications.GetDisplayNameAsync(application, http.RequestAborted), roles);
            principal.SetScopes(request.GetScopes());
            return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The code or refresh token's own principal, as OpenIddict validated it.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = result.Principal?.GetClaim(Claims.Subject);
            var user = subject is null ? null : await users.FindByIdAsync(subject);
            // Disabled or locked out since: no new tokens. Roles are read again, so a change shows at the next refresh.
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
            {
                return Forbid(Errors.InvalidGrant, "The user may no longer sign in.");
            }

            var principal = await TokenClaims.ForUserAsync(user, users, result.Principal!.GetScopes());
            return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    /// <summary>Signs the user out of the identity service and back to the client's post-logout URI (validated by OpenIddict).</summary>
    private static async Task<IResult> EndSession(HttpContext http, SignInManager<StaffUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = http.Request.PathBase + "/Account/SignedOut" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
