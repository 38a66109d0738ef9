using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>Development tokens, as <c>./platform token</c> makes them.</summary>
public static class Tokens
{
    public static string For(string role, string? advertiserId = null, string? subject = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject ?? $"test-{role}",
            ["name"] = subject ?? $"test-{role}",
            ["role"] = role,
        };
        if (advertiserId is not null) claims["advertiser_id"] = advertiserId;

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "news-platform",
            Audience = "news-platform",
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestEnvironment.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
