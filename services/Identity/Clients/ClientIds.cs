namespace NewsPlatform.Identity.Clients;

public static class ClientIds
{
    /// <summary>The newsroom console: a public client, authorization code with PKCE, refresh tokens.</summary>
    public const string Newsroom = "newsroom";

    /// <summary>An analyst's export job: a confidential client, client credentials, role analyst.</summary>
    public const string AnalystExport = "analyst-export";

    /// <summary>The audience of every access token: what the platform's services accept.</summary>
    public const string Audience = "news-platform";

    /// <summary>The application property that lists the roles a client-credentials token carries.</summary>
    public const string RolesProperty = "roles";
}
