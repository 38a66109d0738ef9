using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NewsPlatform.Platform.Auth;

public static class AuthExtensions
{
    public const string Issuer = "news-platform";
    public const string Audience = "news-platform";

    /// <summary>The default scheme when an authority is configured: it hands each token to the scheme of its issuer.</summary>
    public const string PlatformScheme = "Platform";

    /// <summary>Tokens of the identity service (or any OIDC authority), validated from its discovery document.</summary>
    public const string AuthorityScheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>HS256 development tokens (<c>./platform token</c>, the tests' <c>Tokens.For</c>) beside the authority's.</summary>
    public const string DevelopmentScheme = "DevelopmentBearer";

    /// <summary>
    /// JWT bearer with the <c>role</c> claim (docs/decisions/0014).
    /// <list type="bullet">
    /// <item><c>Auth:Authority</c> set (the identity service's public issuer, e.g. <c>http://localhost:8080/identity/</c>):
    /// issuer, signing keys (JWKS) and algorithms come from its discovery document, which <c>Auth:MetadataAddress</c> may
    /// fetch straight from the identity service while the issuer stays the public URL; audience <c>news-platform</c>.</item>
    /// <item><c>Auth:SigningKey</c> set: HS256 tokens with issuer and audience <c>news-platform</c>, as <c>./platform token</c>
    /// makes them (refused at start-up when missing, short, or committed to the repository outside Development and
    /// Testing: <see cref="SigningKeyPolicy"/>). The platform script's dev and test profiles set it; a production
    /// deployment sets the authority alone.</item>
    /// </list>
    /// Both set: a token whose issuer is <c>news-platform</c> goes to the HS256 scheme, every other to the authority's.
    /// Endpoints say <c>RequireAnyRole(Roles.Editor, …)</c>, which admin always satisfies.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuth(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth");
        var authority = auth["Authority"];
        var key = auth["SigningKey"];

        if (string.IsNullOrWhiteSpace(authority))
        {
            builder.Services
                .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(options => UseDevelopmentKey(options, auth, builder.Environment));
        }
        else
        {
            var withKey = !string.IsNullOrWhiteSpace(key);
            var authentication = builder.Services
                .AddAuthentication(PlatformScheme)
                .AddJwtBearer(AuthorityScheme, options => UseAuthority(options, auth, authority, builder.Environment))
                .AddPolicyScheme(PlatformScheme, "Platform bearer", options =>
                    options.ForwardDefaultSelector = context => withKey && IsDevelopmentToken(context, auth)
                        ? DevelopmentScheme
                        : AuthorityScheme);
            if (withKey)
            {
                authentication.AddJwtBearer(DevelopmentScheme, options => UseDevelopmentKey(options, auth, builder.Environment));
            }
        }

        // Checked when the host starts, not at the first request: a process with a key anyone can sign with never serves.
        builder.Services.AddOptions<SigningKeyCheck>()
            .Configure<IConfiguration, IHostEnvironment>((check, configuration, environment) =>
                check.Problem = string.IsNullOrWhiteSpace(configuration["Auth:Authority"])
                                || !string.IsNullOrWhiteSpace(configuration["Auth:SigningKey"])
                    ? SigningKeyPolicy.Problem(configuration["Auth:SigningKey"], "Auth:SigningKey", environment)
                    : null)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SigningKeyCheck>, SigningKeyCheckValidation>();
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>The scheme that reads bearer tokens here, for a process whose default scheme is another (the identity service's cookie).</summary>
    public static string BearerScheme(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["Auth:Authority"]) ? JwtBearerDefaults.AuthenticationScheme : PlatformScheme;

    private static void UseDevelopmentKey(JwtBearerOptions options, IConfiguration auth, IHostEnvironment environment)
    {
        var key = auth["SigningKey"];
        SigningKeyPolicy.Require(key, "Auth:SigningKey", environment);
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth["DevelopmentIssuer"] ?? Issuer,
            ValidAudience = auth["Audience"] ?? Audience,
            RoleClaimType = Roles.RoleClaim,
            NameClaimType = "name",
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
    }

    private static void UseAuthority(JwtBearerOptions options, IConfiguration auth, string authority, IHostEnvironment environment)
    {
        options.MapInboundClaims = false;
        options.Authority = authority.EndsWith('/') ? authority : authority + "/";
        if (auth["MetadataAddress"] is { Length: > 0 } metadata) options.MetadataAddress = metadata;
        options.RequireHttpsMetadata = RequiresHttpsMetadata(auth, options.Authority, options.MetadataAddress, environment);
        // A token signed by a key the JWKS did not have yet (a rotation) makes the handler fetch the JWKS again,
        // at most this often (Auth:KeyRefreshInterval; forged kids cannot make it fetch more often).
        options.RefreshInterval = auth.GetValue("KeyRefreshInterval", TimeSpan.FromSeconds(30));
        options.TokenValidationParameters = new TokenValidationParameters
        {
            // Null: the issuer of the discovery document. Auth:Issuer pins it when that document is fetched elsewhere.
            ValidIssuer = auth["Issuer"],
            ValidAudience = auth["Audience"] ?? Audience,
            RoleClaimType = Roles.RoleClaim,
            NameClaimType = "name",
            ClockSkew = TimeSpan.FromSeconds(30),
            // An asymmetric signature from the JWKS: a token signed with a shared secret never passes here.
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
                SecurityAlgorithms.RsaSsaPssSha256],
        };
    }

    /// <summary>
    /// Whether the discovery document and keys must come over HTTPS. By default plain HTTP is allowed only where nothing
    /// travels between machines (both addresses on loopback) or in Development. <c>Auth:RequireHttpsMetadata=false</c>
    /// opts out explicitly, for a private network where TLS ends elsewhere (docker-compose.yml's container network);
    /// <c>true</c> forces it. Never set it to false where the metadata crosses a network anyone else shares.
    /// </summary>
    public static bool RequiresHttpsMetadata(IConfiguration auth, string authority, string? metadataAddress, IHostEnvironment environment) =>
        auth.GetValue<bool?>("RequireHttpsMetadata")
        ?? !(environment.IsDevelopment() || IsLoopback(authority) && IsLoopback(metadataAddress));

    private static bool IsLoopback(string? address) =>
        address is null || Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;

    /// <summary>Peeks at the bearer token's issuer, unvalidated, only to pick the scheme that will validate it.</summary>
    private static bool IsDevelopmentToken(Microsoft.AspNetCore.Http.HttpContext context, IConfiguration auth)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var token = header["Bearer ".Length..].Trim();
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token)) return false;
        try
        {
            return handler.ReadJsonWebToken(token).Issuer == (auth["DevelopmentIssuer"] ?? Issuer);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The endpoint needs one of <paramref name="roles"/> (admin always qualifies); 401 without a token, 403 otherwise.</summary>
    public static TBuilder RequireAnyRole<TBuilder>(this TBuilder endpoint, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.RequireRole([.. roles, Roles.Admin]));

    public static bool IsInAnyRole(this ClaimsPrincipal user, params string[] roles) =>
        user.IsInRole(Roles.Admin) || roles.Any(user.IsInRole);

    /// <summary>Who did it, for the event history: the token's subject, or "anonymous".</summary>
    public static string ActorName(this ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? user.FindFirstValue("name") ?? "anonymous";

    /// <summary>What the start-up check found about <c>Auth:SigningKey</c> (null: the key may sign, or an authority signs).</summary>
    public sealed class SigningKeyCheck
    {
        public string? Problem { get; set; }
    }

    private sealed class SigningKeyCheckValidation : IValidateOptions<SigningKeyCheck>
    {
        public ValidateOptionsResult Validate(string? name, SigningKeyCheck options) =>
            options.Problem is { } problem
                ? ValidateOptionsResult.Fail(problem)
                : ValidateOptionsResult.Success;
    }

    public static IApplicationBuilder UsePlatformAuth(this IApplicationBuilder app) =>
        app.UseAuthentication().UseAuthorization();
}
