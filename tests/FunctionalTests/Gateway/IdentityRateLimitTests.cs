using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Gateway;

/// <summary>
/// Rate limits by identity (issue 11): a request with a token the gateway validated spends its subject's budget,
/// so a newsroom behind one address is not throttled as one reader; anonymous requests, and requests whose token
/// does not validate, spend their IP's. Every client here comes from the same address (127.0.0.1).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class IdentityRateLimitTests(PlatformFixture platform)
{
    private const int Burst = 3;

    [Fact]
    public async Task Two_subjects_behind_one_address_each_have_their_own_budget_and_a_forged_token_has_none()
    {
        await using var strict = platform.StartGateway(new Dictionary<string, string?>
        {
            ["Gateway:RateLimits:ReadsPerSecond"] = "1",
            ["Gateway:RateLimits:ReadBurst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:RateLimits:RefillEvery"] = "01:00:00", // nothing refills during the test
        });
        var tag = Newsroom.UniqueTag();
        using var anonymous = platform.Client(gateway: strict);
        using var alice = platform.ClientWithToken(Tokens.For("editor", subject: $"alice-{tag}"), strict);
        using var bob = platform.ClientWithToken(Tokens.For("analyst", subject: $"bob-{tag}"), strict);
        using var forged = platform.ClientWithToken(Forged($"mallory-{tag}"), strict);

        // The address's budget, spent anonymously.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Burst), await Reads(anonymous, Burst));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/api/articles?pageSize=1")).StatusCode);

        // A token signed with another key is no identity: it spends the address's budget, which is gone.
        var refused = await forged.GetAsync("/api/articles?pageSize=1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);

        // Each valid subject has a budget of its own, whatever the address's.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Burst), await Reads(alice, Burst));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await alice.GetAsync("/api/articles?pageSize=1")).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Burst), await Reads(bob, Burst));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await bob.GetAsync("/api/articles?pageSize=1")).StatusCode);
    }

    private static async Task<List<HttpStatusCode>> Reads(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++) statuses.Add((await client.GetAsync("/api/articles?pageSize=1")).StatusCode);
        return statuses;
    }

    /// <summary>A token that looks right (issuer, audience, subject, role) but is signed with a key the platform does not know.</summary>
    private static string Forged(string subject) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "news-platform",
        Audience = "news-platform",
        Claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = subject, ["role"] = "editor" },
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes("not-the-platform-key-0123456789abcdefghij")), SecurityAlgorithms.HmacSha256),
    });
}
