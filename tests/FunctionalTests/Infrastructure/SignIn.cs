using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>
/// Real sign-in against the identity service, through the gateway, as the newsroom console does it: users made with
/// the admin API, then authorization code + PKCE driven over HTTP (the login form with a cookie container).
/// </summary>
public sealed partial class SignIn(PlatformFixture platform)
{
    public const string Scopes = "openid profile roles offline_access";

    public string RedirectUri => $"http://127.0.0.1:{platform.GatewayPort}/newsroom/signin-oidc";

    /// <summary>A strong password that meets the policy, different each call.</summary>
    public static string NewPassword() => $"Np-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-X9";

    public sealed record User(string Id, string UserName, string Password);

    /// <summary>Makes a user with the admin API (as an admin with a development token), answering its id.</summary>
    public async Task<User> CreateUserAsync(string[] roles, string? advertiserId = null, string? userName = null, string? password = null)
    {
        userName ??= $"u{Guid.NewGuid():N}"[..16];
        password ??= NewPassword();
        using var admin = platform.Client("admin");
        var response = await admin.PostAsJsonAsync("/identity/api/users", new
        {
            userName,
            email = $"{userName}@example.test",
            displayName = $"Test {userName}",
            password,
            roles,
            advertiserId,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        return new User(id, userName, password);
    }

    public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken, JsonElement Raw);

    /// <summary>The browser of one person: cookies kept, redirects looked at one by one.</summary>
    public sealed class Browser : IDisposable
    {
        private readonly HttpClient _client;

        public Browser(Uri gateway)
        {
            Cookies = new CookieContainer();
            _client = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, ActivityHeadersPropagator = null })
            {
                BaseAddress = gateway,
                Timeout = TimeSpan.FromSeconds(30),
            };
        }

        public CookieContainer Cookies { get; }

        public HttpClient Http => _client;

        public void Dispose() => _client.Dispose();
    }

    public Browser NewBrowser() => new(platform.Gateway.Address);

    public sealed record Authorization(string Verifier, string State, string Url);

    public Authorization NewAuthorization(string? prompt = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = "newsroom",
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = Scopes,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        };
        if (prompt is not null) query["prompt"] = prompt;
        return new Authorization(verifier, state, QueryHelpers.AddQueryString("/identity/connect/authorize", query));
    }

    /// <summary>Starts the flow: the authorize request, which sends a signed-out browser to the login page.</summary>
    public static async Task<string> OpenLoginPageAsync(Browser browser, Authorization authorization)
    {
        var start = await browser.Http.GetAsync(authorization.Url);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var login = start.Headers.Location!.ToString();
        Assert.StartsWith("/identity/Account/Login", login);
        return login;
    }

    /// <summary>Posts a form of the page at <paramref name="pageUrl"/> with its anti-forgery token; answers the (unfollowed) response.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(Browser browser, string pageUrl, IDictionary<string, string> fields)
    {
        var page = await browser.Http.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"{(int)page.StatusCode} {pageUrl}: {html}");
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = AntiForgeryToken().Match(html).Groups[1].Value,
        };
        foreach (Match hidden in HiddenInput().Matches(html))
        {
            var name = hidden.Groups[1].Value;
            if (!form.ContainsKey(name)) form[name] = WebUtility.HtmlDecode(hidden.Groups[2].Value);
        }

        return await browser.Http.PostAsync(pageUrl, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SubmitLoginAsync(Browser browser, string loginUrl, string userName, string password) =>
        SubmitFormAsync(browser, loginUrl, new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    /// <summary>Follows local redirects until the client's redirect URI comes back; answers the code after checking the state.</summary>
    public async Task<string> FollowToCodeAsync(Browser browser, HttpResponseMessage response, Authorization authorization)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
                $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var location = response.Headers.Location!.ToString();
            if (location.StartsWith(RedirectUri, StringComparison.Ordinal))
            {
                var query = QueryHelpers.ParseQuery(new Uri(location).Query);
                Assert.Equal(authorization.State, query["state"].ToString());
                Assert.True(query.ContainsKey("code"), location);
                return query["code"].ToString();
            }

            response = await browser.Http.GetAsync(location);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public async Task<Tokens> RedeemAsync(string code, string verifier)
    {
        using var client = platform.Client();
        var response = await client.PostAsync("/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = "newsroom",
            ["code_verifier"] = verifier,
        }));
        return await ReadTokensAsync(response);
    }

    public async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = platform.Client();
        return await client.PostAsync("/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = "newsroom",
        }));
    }

    public static async Task<Tokens> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement.Clone();
        return new Tokens(json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            json.TryGetProperty("id_token", out var id) ? id.GetString() : null, json);
    }

    /// <summary>The whole flow for a user without two factors: tokens for the newsroom console.</summary>
    public async Task<Tokens> TokensForAsync(User user)
    {
        using var browser = NewBrowser();
        var authorization = NewAuthorization();
        var login = await OpenLoginPageAsync(browser, authorization);
        var posted = await SubmitLoginAsync(browser, login, user.UserName, user.Password);
        var code = await FollowToCodeAsync(browser, posted, authorization);
        return await RedeemAsync(code, authorization.Verifier);
    }

    /// <summary>A token of a real user with these roles, for tests that need one: made, signed in, redeemed.</summary>
    public async Task<string> AccessTokenForAsync(string[] roles, string? advertiserId = null) =>
        (await TokensForAsync(await CreateUserAsync(roles, advertiserId))).AccessToken;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgeryToken();

    [GeneratedRegex("<input type=\"hidden\"[^>]*?name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
