namespace NewsPlatform.Identity;

/// <summary>The <c>Identity</c> section: the public issuer, the clients' settings, the first admin.</summary>
public sealed class IdentityServiceOptions
{
    public const string Section = "Identity";

    /// <summary>The path the gateway forwards to this service, kept on every request (UsePathBase).</summary>
    public const string PathBase = "/identity";

    /// <summary>The issuer as clients see it, through the gateway. Ends with a slash.</summary>
    public string Issuer { get; set; } = "http://localhost:8080/identity/";

    /// <summary>How long an access token lives.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Redirect URIs of the newsroom console besides <c>{origin}/newsroom/signin-oidc</c> (a console run on its own port).</summary>
    public List<string> NewsroomRedirectUris { get; set; } = [];

    /// <summary>Post-logout redirect URIs of the console besides <c>{origin}/newsroom/signout-callback-oidc</c>.</summary>
    public List<string> NewsroomPostLogoutRedirectUris { get; set; } = [];

    /// <summary>The secret of the <c>analyst-export</c> client (client credentials); the client exists only when it is set.</summary>
    public string? AnalystExportSecret { get; set; }

    public FirstAdminOptions FirstAdmin { get; set; } = new();

    public Uri IssuerUri => new(Issuer.EndsWith('/') ? Issuer : Issuer + "/", UriKind.Absolute);

    /// <summary>Scheme, host and port of the issuer: the gateway's public origin.</summary>
    public string PublicOrigin => IssuerUri.GetLeftPart(UriPartial.Authority);

    public sealed class FirstAdminOptions
    {
        public string UserName { get; set; } = "admin";
        public string Email { get; set; } = "admin@localhost";

        /// <summary>
        /// Where the one-time password of a first admin made at start-up is written (mode 600); <c>./platform up</c>
        /// prints it once and deletes it. Unset: no first admin is made.
        /// </summary>
        public string? PasswordFile { get; set; }
    }
}
