namespace NewsPlatform.Newsroom.Console;

/// <summary>The console's own settings (section <c>Newsroom</c>).</summary>
public sealed class NewsroomOptions
{
    public const string Section = "Newsroom";

    /// <summary>Where the console lives behind the gateway; it serves the same paths on its own port.</summary>
    public const string PathBase = "/newsroom";

    /// <summary>The only thing the console talks to for data: the gateway's public API.</summary>
    public Uri GatewayUrl { get; set; } = new("http://127.0.0.1:8080/");

    /// <summary>The OpenID Connect issuer (the identity service, behind the gateway at <c>/identity/</c>).</summary>
    public string Authority { get; set; } = "http://127.0.0.1:8080/identity/";

    /// <summary>
    /// Where the console fetches the discovery document and keys, when it must reach the issuer by another address than
    /// the browser does (a test host); empty: the authority itself.
    /// </summary>
    public string? MetadataAddress { get; set; }

    public string ClientId { get; set; } = "newsroom";

    /// <summary>A confidential client's secret; empty for the public client that PKCE protects.</summary>
    public string? ClientSecret { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public List<string> Scopes { get; set; } = ["openid", "profile", "roles", "offline_access"];

    public TimeSpan GatewayTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long before the access token's expiry the console refreshes it.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromSeconds(30);
}
