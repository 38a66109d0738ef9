using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using NewsPlatform.Newsroom.Gateway;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Newsroom.Console;

/// <summary>
/// Sign-in: OpenID Connect (authorization code with PKCE) against the identity service, a cookie session that keeps
/// the tokens, and a refresh shortly before the access token expires. When the refresh fails the session ends and the
/// next request sends the user to sign in, with the page they asked for as the place to come back to.
/// </summary>
public static class NewsroomAuth
{
    public const string CookieScheme = "newsroom";
    public const string OidcScheme = "oidc";

    public static IServiceCollection AddNewsroomAuth(this IServiceCollection services, NewsroomOptions options)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieScheme;
                o.DefaultChallengeScheme = OidcScheme;
                o.DefaultSignOutScheme = CookieScheme;
            })
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "np-newsroom";
                o.Cookie.Path = NewsroomOptions.PathBase;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.AccessDeniedPath = "/denied";
                o.Events.OnValidatePrincipal = RefreshWhenDueAsync;
            })
            .AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = options.Authority;
                if (!string.IsNullOrWhiteSpace(options.MetadataAddress)) o.MetadataAddress = options.MetadataAddress;
                o.RequireHttpsMetadata = options.RequireHttpsMetadata;
                o.ClientId = options.ClientId;
                if (!string.IsNullOrWhiteSpace(options.ClientSecret)) o.ClientSecret = options.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back in the query: the console and the issuer share the gateway's site, so the
                // correlation and nonce cookies can be Lax and need no HTTPS-only SameSite=None.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.UsePkce = true;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.Scope.Clear();
                foreach (var scope in options.Scopes) o.Scope.Add(scope);
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = Roles.RoleClaim;
                // The browser is sent to the issuer's own address, whatever address the discovery document was read
                // from: inside a container network (compose) the console reads it from identity:8080, which no
                // browser can reach, and the service names its endpoints after the address it was asked on.
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.IssuerAddress = OnIssuersOrigin(context.ProtocolMessage.IssuerAddress, options.Authority);
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    context.ProtocolMessage.IssuerAddress = OnIssuersOrigin(context.ProtocolMessage.IssuerAddress, options.Authority);
                    return Task.CompletedTask;
                };
                o.Events.OnTokenValidated = context =>
                {
                    // The API decides with the access token's roles, so the console shows what that token allows.
                    if (context.Principal?.Identity is ClaimsIdentity identity && context.TokenEndpointResponse?.AccessToken is { } access)
                    {
                        AddClaimsOf(access, identity);
                    }

                    return Task.CompletedTask;
                };
            });

        // No scheme named in the policy: a challenge goes to the default challenge scheme (sign-in at the identity
        // service), never to the cookie handler's own login path, which the console does not have.
        services.AddAuthorization(o => o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>Roles and the advertiser id from the access token, when the ID token did not carry them.</summary>
    /// <summary><paramref name="endpoint"/>'s path and query on <paramref name="issuer"/>'s scheme, host and port.</summary>
    public static string OnIssuersOrigin(string endpoint, string issuer)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var discovered) || !Uri.TryCreate(issuer, UriKind.Absolute, out var origin)) return endpoint;
        return new UriBuilder(discovered) { Scheme = origin.Scheme, Host = origin.Host, Port = origin.Port }.Uri.ToString();
    }

    private static void AddClaimsOf(string accessToken, ClaimsIdentity identity)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(accessToken)) return; // an encrypted token: the ID token's claims are all there is
        var token = handler.ReadJsonWebToken(accessToken);
        foreach (var type in new[] { Roles.RoleClaim, Roles.AdvertiserIdClaim, "name" })
        {
            foreach (var claim in token.Claims.Where(c => c.Type == type))
            {
                if (!identity.HasClaim(type, claim.Value)) identity.AddClaim(new Claim(type, claim.Value));
            }
        }
    }

    /// <summary>
    /// Before the access token expires, trade the refresh token for new tokens; if that fails, end the session, so the
    /// request is challenged and comes back to the same page after the next sign-in.
    /// </summary>
    private static async Task RefreshWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var expiresAt = context.Properties.GetTokenValue("expires_at");
        if (expiresAt is null || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiry)) return;

        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NewsroomOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        if (expiry - clock.GetUtcNow() > options.RefreshBefore) return;

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        var refreshed = refreshToken is null ? null : await RefreshAsync(context.HttpContext, options, refreshToken);
        if (refreshed is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        context.Properties.UpdateTokenValue("access_token", refreshed.AccessToken);
        if (refreshed.RefreshToken is { Length: > 0 } next) context.Properties.UpdateTokenValue("refresh_token", next);
        if (refreshed.IdToken is { Length: > 0 } id) context.Properties.UpdateTokenValue("id_token", id);
        context.Properties.UpdateTokenValue("expires_at",
            clock.GetUtcNow().AddSeconds(refreshed.ExpiresIn).ToString("o", CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }

    private sealed record TokenResponse(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

    private static async Task<TokenResponse?> RefreshAsync(HttpContext http, NewsroomOptions options, string refreshToken)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NewsroomAuth));
        try
        {
            var oidc = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcScheme);
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId,
            };
            if (!string.IsNullOrWhiteSpace(options.ClientSecret)) form["client_secret"] = options.ClientSecret;
            using var response = await oidc.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(form), http.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogInformation("Token refresh refused ({Status}); the user signs in again", (int)response.StatusCode);
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(http.RequestAborted));
            var root = json.RootElement;
            return new TokenResponse(
                root.GetProperty("access_token").GetString()!,
                root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
                root.TryGetProperty("id_token", out var i) ? i.GetString() : null,
                root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300);
        }
        catch (Exception failure) when (failure is HttpRequestException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            logger.LogWarning(failure, "Token refresh failed; the user signs in again");
            return null;
        }
    }

    /// <summary>Admin may do everything, as in the services.</summary>
    public static bool Can(this ClaimsPrincipal user, params string[] roles) =>
        user.IsInRole(Roles.Admin) || roles.Any(user.IsInRole);
}
