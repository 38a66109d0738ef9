using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NewsPlatform.FunctionalTests.Infrastructure;
using OtpNet;

namespace NewsPlatform.FunctionalTests.Identity;

/// <summary>The identity service's rules: lockout, disabled users, TOTP for admins, client credentials, foreign tokens, admin API errors.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdentityRulesTests(PlatformFixture platform)
{
    private readonly SignIn _signIn = new(platform);

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused()
    {
        var user = await _signIn.CreateUserAsync(["editor"]);
        using var browser = _signIn.NewBrowser();
        var authorization = _signIn.NewAuthorization();
        var login = await SignIn.OpenLoginPageAsync(browser, authorization);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await SignIn.SubmitLoginAsync(browser, login, user.UserName, "Wrong-password-123");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // the form again, with its message
            Assert.Contains("The user name or the password is wrong.", await wrong.Content.ReadAsStringAsync());
        }

        var fifth = await SignIn.SubmitLoginAsync(browser, login, user.UserName, "Wrong-password-123");
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Equal("/identity/Account/Lockout", fifth.Headers.Location!.ToString());

        var right = await SignIn.SubmitLoginAsync(browser, login, user.UserName, user.Password);
        Assert.Equal("/identity/Account/Lockout", right.Headers.Location!.ToString());
        var page = await browser.Http.GetStringAsync("/identity/Account/Lockout");
        Assert.Contains("locked", page);

        using var admin = platform.Client("admin");
        var view = await admin.GetFromJsonAsync<JsonElement>($"/identity/api/users/{user.Id}");
        Assert.True(view.GetProperty("lockedOut").GetBoolean());
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_nor_refresh_and_can_again_once_enabled()
    {
        var user = await _signIn.CreateUserAsync(["moderator"]);
        var tokens = await _signIn.TokensForAsync(user);
        using var admin = platform.Client("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/identity/api/users/{user.Id}/disable", null)).StatusCode);

        using var browser = _signIn.NewBrowser();
        var login = await SignIn.OpenLoginPageAsync(browser, _signIn.NewAuthorization());
        var refused = await SignIn.SubmitLoginAsync(browser, login, user.UserName, user.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This account is disabled", await refused.Content.ReadAsStringAsync());

        var refresh = await _signIn.RefreshAsync(tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Contains("invalid_grant", await refresh.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/identity/api/users/{user.Id}/enable", null)).StatusCode);
        Assert.NotNull((await _signIn.TokensForAsync(user)).AccessToken);
    }

    [Fact]
    public async Task An_admin_enrols_TOTP_before_the_first_session_and_gives_a_code_at_each_sign_in_after()
    {
        var user = await _signIn.CreateUserAsync(["admin"]);
        using (var browser = _signIn.NewBrowser())
        {
            var authorization = _signIn.NewAuthorization();
            var login = await SignIn.OpenLoginPageAsync(browser, authorization);
            var posted = await SignIn.SubmitLoginAsync(browser, login, user.UserName, user.Password);
            var enrol = posted.Headers.Location!.ToString();
            Assert.StartsWith("/identity/Account/EnableAuthenticator", enrol);

            var page = await browser.Http.GetStringAsync(enrol);
            var uri = System.Text.RegularExpressions.Regex.Match(page, "href=\"(otpauth://totp/[^\"]+)\"").Groups[1].Value;
            var secret = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(WebUtility.HtmlDecode(uri)).Query)["secret"].ToString();
            var wrong = await SignIn.SubmitFormAsync(browser, enrol, new Dictionary<string, string> { ["Code"] = "000000" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("That code is not valid", await wrong.Content.ReadAsStringAsync());

            var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp();
            var enrolled = await SignIn.SubmitFormAsync(browser, enrol, new Dictionary<string, string> { ["Code"] = code });
            var tokenCode = await _signIn.FollowToCodeAsync(browser, enrolled, authorization);
            var tokens = await _signIn.RedeemAsync(tokenCode, authorization.Verifier);
            Assert.Contains("admin", new JsonWebToken(tokens.AccessToken).Claims.Where(c => c.Type == "role").Select(c => c.Value));

            // Next time: password, then a code.
            using var again = _signIn.NewBrowser();
            var second = _signIn.NewAuthorization();
            var secondLogin = await SignIn.OpenLoginPageAsync(again, second);
            var needsCode = await SignIn.SubmitLoginAsync(again, secondLogin, user.UserName, user.Password);
            var twoFactor = needsCode.Headers.Location!.ToString();
            Assert.StartsWith("/identity/Account/LoginWith2fa", twoFactor);
            // A fresh code: the one used to enrol may not be used twice.
            await Task.Delay(TimeSpan.FromSeconds(new Totp(Base32Encoding.ToBytes(secret)).RemainingSeconds() + 1));
            var verified = await SignIn.SubmitFormAsync(again, twoFactor, new Dictionary<string, string>
            {
                ["Code"] = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(),
            });
            Assert.NotNull(await _signIn.FollowToCodeAsync(again, verified, second));
        }
    }

    [Fact]
    public async Task Client_credentials_give_the_export_job_an_analyst_token_and_a_wrong_secret_nothing()
    {
        using var client = platform.Client();
        var response = await client.PostAsync("/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "analyst-export",
            ["client_secret"] = platform.AnalystExportSecret,
        }));
        var tokens = await SignIn.ReadTokensAsync(response);
        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("analyst-export", jwt.Subject);
        Assert.Equal(["analyst"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Contains("news-platform", jwt.Audiences);

        using var analyst = platform.ClientWithToken(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/articles/projections")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/articles", SignInTests.JsonContent(new { title = "x" }))).StatusCode);

        var wrong = await client.PostAsync("/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "analyst-export",
            ["client_secret"] = TestEnvironment.RandomKey(),
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("invalid_client", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_signed_by_another_key_or_from_another_issuer_is_refused_by_the_services_and_the_gateway()
    {
        var genuine = await _signIn.AccessTokenForAsync(["editor"]);
        var otherKey = Signed(platform.Issuer, RSA.Create(2048), new JsonWebToken(genuine).GetHeaderValue<string>("kid"));
        var otherIssuer = Signed("http://127.0.0.1:1/identity/", RSA.Create(2048), "other");

        foreach (var (forged, why) in new[] { (otherKey, "another key, same kid"), (otherIssuer, "another issuer") })
        {
            // The articles service itself, without the gateway.
            using var direct = new HttpClient { BaseAddress = platform.Articles.Address };
            direct.DefaultRequestHeaders.Authorization = new("Bearer", forged);
            Assert.True(HttpStatusCode.Unauthorized == (await direct.GetAsync("/api/articles/projections")).StatusCode, why);
            // Through the gateway.
            using var proxied = platform.ClientWithToken(forged);
            Assert.True(HttpStatusCode.Unauthorized == (await proxied.GetAsync("/api/articles/projections")).StatusCode, why);
        }

        // The gateway's own judgement: a validated subject has its own rate budget, a forged token spends the address's.
        await using var strict = platform.StartGateway(new Dictionary<string, string?>
        {
            ["Gateway:RateLimits:ReadsPerSecond"] = "1",
            ["Gateway:RateLimits:ReadBurst"] = "2",
            ["Gateway:RateLimits:RefillEvery"] = "01:00:00",
        });
        using var anonymous = platform.Client(gateway: strict);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/articles?pageSize=1")).StatusCode);
        foreach (var forged in new[] { otherKey, otherIssuer })
        {
            using var mallory = platform.ClientWithToken(forged, strict);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await mallory.GetAsync("/api/articles?pageSize=1")).StatusCode);
        }

        using var editor = platform.ClientWithToken(genuine, strict);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/articles?pageSize=1")).StatusCode);
    }

    [Fact]
    public async Task The_admin_API_answers_bad_input_with_errors_per_field_and_only_to_admins()
    {
        using var admin = platform.Client("admin");
        var response = await admin.PostAsJsonAsync("/identity/api/users", new
        {
            userName = "x",
            email = "not-an-email",
            displayName = "",
            password = "short",
            roles = new[] { "advertiser", "king" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "userName", "email", "displayName", "password", "roles", "advertiserId" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Contains(errors.GetProperty("password").EnumerateArray(), m => m.GetString()!.Contains("12"));

        var taken = await _signIn.CreateUserAsync(["editor"]);
        var duplicate = await admin.PostAsJsonAsync("/identity/api/users", new
        {
            userName = taken.UserName, email = $"other-{taken.UserName}@example.test", displayName = "Again",
            password = SignIn.NewPassword(), roles = new[] { "editor" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True(JsonDocument.Parse(await duplicate.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("userName", out _));

        using var editor = platform.Client("editor");
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/identity/api/users")).StatusCode);
        using var nobody = platform.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/identity/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/identity/api/users/{Guid.NewGuid()}/disable", null)).StatusCode);
    }

    [Fact]
    public async Task A_rotated_key_signs_new_tokens_while_tokens_of_the_previous_key_still_validate()
    {
        var before = await _signIn.AccessTokenForAsync(["analyst"]);
        using var admin = platform.Client("admin");
        var rotated = await admin.PostAsync("/identity/api/keys/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var rotation = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement;
        var newKid = rotation.GetProperty("keyId").GetString();

        using var client = platform.Client();
        var kids = JsonDocument.Parse(await client.GetStringAsync("/identity/.well-known/jwks")).RootElement
            .GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(newKid, kids);
        Assert.Contains(new JsonWebToken(before).GetHeaderValue<string>("kid"), kids);

        var after = await _signIn.AccessTokenForAsync(["analyst"]);
        Assert.Equal(newKid, new JsonWebToken(after).GetHeaderValue<string>("kid"));
        // A service meets the new kid, fetches the JWKS again (docs/decisions/0014: the request that met it may be
        // refused while the refresh runs), and from then on accepts both keys' tokens.
        using var withNew = platform.ClientWithToken(after);
        await Eventually.Until(async () => (await withNew.GetAsync("/api/articles/projections")).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "a token of the new key is accepted");
        using var withPrevious = platform.ClientWithToken(before);
        Assert.Equal(HttpStatusCode.OK, (await withPrevious.GetAsync("/api/articles/projections")).StatusCode);
    }

    private static string Signed(string issuer, RSA key, string kid) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = "news-platform",
        Claims = new Dictionary<string, object> { ["sub"] = $"mallory-{Guid.NewGuid():N}", ["name"] = "Mallory", ["role"] = "admin" },
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
    });
}
