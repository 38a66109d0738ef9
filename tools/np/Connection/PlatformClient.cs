using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsPlatform.Np.Connection;

/// <summary>An HttpClient on the gateway, signed in: a token given, or one got with client credentials (OIDC token endpoint).</summary>
public static class PlatformClient
{
    /// <summary>Signs in; <paramref name="tokenVariable"/> names an environment variable whose token wins (NP_ADMIN_TOKEN for admin work).</summary>
    public static async Task<HttpClient> CreateAsync(GatewaySettings settings, CancellationToken ct, string? tokenVariable = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip })
        {
            BaseAddress = new Uri(settings.GatewayUrl + "/"), Timeout = Timeout.InfiniteTimeSpan,
        };
        var token = settings.Token
            ?? (tokenVariable is null ? null : Environment.GetEnvironmentVariable(tokenVariable))
            ?? Environment.GetEnvironmentVariable("NP_TOKEN");
        var clientId = settings.ClientId ?? Environment.GetEnvironmentVariable("NP_CLIENT_ID");
        if (settings.Token is null && clientId is not null)
        {
            token = await ClientCredentialsAsync(http, clientId,
                settings.ClientSecret ?? Environment.GetEnvironmentVariable("NP_CLIENT_SECRET")
                ?? throw new NpException("--client-id needs --client-secret (or NP_CLIENT_SECRET)."),
                settings.Scope ?? Environment.GetEnvironmentVariable("NP_SCOPE"), ct);
        }

        if (token is null)
        {
            throw new NpException("Not signed in: give --token (or NP_TOKEN; `./platform token analyst`), or --client-id and --client-secret.");
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        return http;
    }

    private static async Task<string> ClientCredentialsAsync(HttpClient http, string clientId, string secret, string? scope, CancellationToken ct)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (!string.IsNullOrWhiteSpace(scope)) form["scope"] = scope;
        using var response = await http.PostAsync("identity/connect/token", new FormUrlEncodedContent(form), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new NpException($"The identity service refused the client credentials ({(int)response.StatusCode}): {Problem(body)}");
        }

        return JsonNode.Parse(body)?["access_token"]?.GetValue<string>()
            ?? throw new NpException("The token endpoint answered without an access_token.");
    }

    /// <summary>Throws an <see cref="NpException"/> saying what the platform answered, unless it is a success.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new NpException($"{(int)response.StatusCode} {response.ReasonPhrase} from {response.RequestMessage?.RequestUri}: {Problem(body)}");
    }

    private static string Problem(string body)
    {
        try
        {
            var problem = JsonNode.Parse(body);
            return $"{problem?["title"]}{(problem?["detail"] is { } d ? $": {d}" : "")}{(problem?["errors"] is { } e ? $" {e.ToJsonString()}" : "")}";
        }
        catch (JsonException)
        {
            return body.Length > 300 ? body[..300] : body;
        }
    }

    /// <summary>The API prefix of a service's history (the advertising service answers under /api/ads).</summary>
    public static string Prefix(string service) => service.ToLowerInvariant() switch
    {
        "articles" => "api/articles",
        "comments" => "api/comments",
        "localization" => "api/localization",
        "ads" or "advertising" => "api/ads",
        _ => throw new NpException($"Unknown service {service}: articles, comments, localization or ads."),
    };

    public static readonly string[] Services = ["articles", "comments", "localization", "ads"];
}

/// <summary>A failure to explain to the user in one line, without a stack trace.</summary>
public sealed class NpException(string message) : Exception(message);
