using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NewsPlatform.Advertising;
using NewsPlatform.Articles;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Security;

/// <summary>
/// A service started as Production (as <c>./platform up</c> and compose start it) refuses a signing key that is missing,
/// short, or committed to the repository, and says what to set; with a key of its own it starts and accepts its tokens.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class KeyTests(PlatformFixture platform)
{
    private const string CommittedJwtKey = "newsplatform-development-signing-key-change-me-0001";
    private const string CommittedAdTokenKey = "newsplatform-development-ad-token-key-change-me";
    private const string FormerTestKey = "functional-tests-signing-key-0123456789abcdef";

    [Theory]
    [InlineData(CommittedJwtKey, "committed to the repository")]
    [InlineData(FormerTestKey, "committed to the repository")]
    [InlineData("", "is not set")]
    [InlineData("0123456789abcdef0123456789abcde", "shorter than 32 bytes")]
    public async Task A_service_refuses_to_start_on_a_jwt_key_anyone_could_know(string key, string why)
    {
        var failure = await StartFailsAsync<ArticlesApp>(new() { ["Auth:SigningKey"] = key });

        Assert.Contains("Auth:SigningKey", failure);
        Assert.Contains(why, failure);
        Assert.Contains("Auth__SigningKey", failure); // what to set
    }

    [Fact]
    public async Task The_ad_server_refuses_to_start_on_the_committed_ad_token_key()
    {
        var failure = await StartFailsAsync<AdvertisingApp>(new() { ["Advertising:TokenKey"] = CommittedAdTokenKey });

        Assert.Contains("committed to the repository", failure);
        Assert.Contains("Advertising__TokenKey", failure);
    }

    [Fact]
    public async Task A_service_with_a_random_key_of_its_own_starts_and_accepts_only_tokens_signed_with_it()
    {
        var key = TestEnvironment.RandomKey();
        await using var articles = platform.StartService<ArticlesApp>(new Dictionary<string, string?> { ["Auth:SigningKey"] = key });
        using var client = new HttpClient { BaseAddress = articles.Address };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        // The run's usual key is not this service's key: its token is refused, one signed with the service's key is not.
        using var foreign = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/{Guid.NewGuid()}/history");
        foreign.Headers.Authorization = new("Bearer", Tokens.For("editor"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(foreign)).StatusCode);
        using var own = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/{Guid.NewGuid()}/history");
        own.Headers.Authorization = new("Bearer", EditorToken(key));
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await client.SendAsync(own)).StatusCode);
    }

    private static string EditorToken(string key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "news-platform",
        Audience = "news-platform",
        Claims = new Dictionary<string, object> { ["sub"] = "key-test-editor", ["role"] = "editor" },
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });

    /// <summary>What the service, run as a process with the run's settings and <paramref name="overrides"/>, wrote as it refused to start.</summary>
    private async Task<string> StartFailsAsync<TApp>(Dictionary<string, string?> overrides)
        where TApp : class
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = platform.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = TestEnvironment.RabbitMq,
            ["Auth:SigningKey"] = TestEnvironment.SigningKey,
            ["Messaging:QueueSuffix"] = $"{PlatformFixture.RunId}-refused", // should it start after all, it takes none of the run's messages
        };
        foreach (var (key, value) in overrides) settings[key] = value;

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync<TApp>(settings, TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exitCode);
        return output;
    }
}
