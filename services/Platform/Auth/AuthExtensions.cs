using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace NewsPlatform.Platform.Auth;

public static class AuthExtensions
{
    public const string Issuer = "news-platform";
    public const string Audience = "news-platform";

    /// <summary>
    /// JWT bearer with the <c>role</c> claim. Development signs with HS256 and <c>Auth:SigningKey</c> (refused at start-up
    /// when missing, short, or committed to the repository outside Development and Testing: <see cref="SigningKeyPolicy"/>);
    /// production names an OIDC authority in <c>Auth:Authority</c>. Endpoints say
    /// <c>RequireAnyRole(Roles.Editor, …)</c>, which admin always satisfies.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuth(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth");
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth["Issuer"] ?? Issuer,
                    ValidAudience = auth["Audience"] ?? Audience,
                    RoleClaimType = Roles.RoleClaim,
                    NameClaimType = "name",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };

                var authority = auth["Authority"];
                if (!string.IsNullOrWhiteSpace(authority))
                {
                    options.Authority = authority;
                    return;
                }

                var key = auth["SigningKey"];
                SigningKeyPolicy.Require(key, "Auth:SigningKey", builder.Environment);
                options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
                options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            });

        // Checked when the host starts, not at the first request: a process with a key anyone can sign with never serves.
        builder.Services.AddOptions<SigningKeyCheck>()
            .Configure<IConfiguration, IHostEnvironment>((check, configuration, environment) =>
                check.Problem = string.IsNullOrWhiteSpace(configuration["Auth:Authority"])
                    ? SigningKeyPolicy.Problem(configuration["Auth:SigningKey"], "Auth:SigningKey", environment)
                    : null)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SigningKeyCheck>, SigningKeyCheckValidation>();
        builder.Services.AddAuthorization();
        return builder;
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
