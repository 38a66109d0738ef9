using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Identity;

/// <summary>The identity service's OpenID Connect, through the gateway: discovery, JWKS, code + PKCE, refresh.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SignInTests(PlatformFixture platform)
{
    private readonly SignIn _signIn = new(platform);

    [Fact]
    public async Task Discovery_names_the_public_issuer_and_its_endpoints_under_it()
    {
        using var client = platform.Client();
        var response = await client.GetAsync("/identity/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var discovery = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(platform.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(platform.Issuer + "connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(platform.Issuer + "connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(platform.Issuer + ".well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("authorization_code", grants);
        Assert.Contains("refresh_token", grants);
        Assert.Contains("client_credentials", grants);
        Assert.DoesNotContain("password", grants);
    }

    [Fact]
    public async Task The_JWKS_publishes_public_RSA_keys_only()
    {
        using var client = platform.Client();
        var jwks = JsonDocument.Parse(await client.GetStringAsync("/identity/.well-known/jwks")).RootElement;
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.True(key.TryGetProperty("kid", out _));
            Assert.True(key.TryGetProperty("n", out _));
            Assert.False(key.TryGetProperty("d", out _)); // never the private part
        }
    }

    [Fact]
    public async Task Code_with_PKCE_gives_a_JWT_with_the_platforms_claims_which_the_services_accept()
    {
        var advertiser = $"adv-{Guid.NewGuid():N}"[..20];
        var user = await _signIn.CreateUserAsync(["editor", "advertiser"], advertiserId: advertiser);

        var tokens = await _signIn.TokensForAsync(user);

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(platform.Issuer, jwt.Issuer);
        Assert.Contains("news-platform", jwt.Audiences);
        Assert.Equal(user.Id, jwt.Subject);
        Assert.Equal($"Test {user.UserName}", jwt.GetClaim("name").Value);
        Assert.Equal(["advertiser", "editor"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());
        Assert.Equal(advertiser, jwt.GetClaim("advertiser_id").Value);
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);

        // The articles service accepts it through the gateway (the gateway validated it too): an editor's draft.
        using var client = platform.ClientWithToken(tokens.AccessToken);
        var created = await client.PostAsync("/api/articles", JsonContent(new
        {
            title = "Signed in for real", summary = "", body = "<p>x</p>", section = "politics", tags = Array.Empty<string>(),
            authors = new[] { "Test" }, language = "en", noAds = false,
        }));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused()
    {
        var user = await _signIn.CreateUserAsync(["moderator"]);
        using var browser = _signIn.NewBrowser();
        var authorization = _signIn.NewAuthorization();
        var login = await SignIn.OpenLoginPageAsync(browser, authorization);
        var code = await _signIn.FollowToCodeAsync(browser, await SignIn.SubmitLoginAsync(browser, login, user.UserName, user.Password), authorization);

        using var client = platform.Client();
        var response = await client.PostAsync("/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = _signIn.RedirectUri,
            ["client_id"] = "newsroom",
            ["code_verifier"] = _signIn.NewAuthorization().Verifier,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token_with_the_roles_as_they_are_now()
    {
        var user = await _signIn.CreateUserAsync(["translator"]);
        var tokens = await _signIn.TokensForAsync(user);

        using (var admin = platform.Client("admin"))
        {
            var changed = await admin.PutAsync($"/identity/api/users/{user.Id}/roles", JsonContent(new { roles = new[] { "translator", "analyst" } }));
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        var refreshed = await SignIn.ReadTokensAsync(await _signIn.RefreshAsync(tokens.RefreshToken!));
        var jwt = new JsonWebToken(refreshed.AccessToken);
        Assert.Equal(["analyst", "translator"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
    }

    [Fact]
    public async Task The_login_page_returns_to_the_page_the_user_came_from()
    {
        using var browser = _signIn.NewBrowser();
        var authorization = _signIn.NewAuthorization();
        var login = await SignIn.OpenLoginPageAsync(browser, authorization);
        var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), login).Query)["ReturnUrl"].ToString();
        Assert.StartsWith("/identity/connect/authorize?", returnUrl);

        var user = await _signIn.CreateUserAsync(["editor"]);
        var posted = await SignIn.SubmitLoginAsync(browser, login, user.UserName, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(returnUrl, posted.Headers.Location!.ToString());
    }

    internal static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
