namespace NewsPlatform.Web.Site;

/// <summary>The site's own settings (section <c>Web</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The only thing the site talks to: the gateway's public API.</summary>
    public Uri GatewayUrl { get; set; } = new("http://127.0.0.1:8080/");

    /// <summary>
    /// The local address outgoing connections to the gateway are bound to (e.g. <c>127.0.0.2</c>), so that the gateway
    /// can tell the site apart from any other client and believe the <c>X-Forwarded-For</c> it sends. Empty: any.
    /// </summary>
    public string? OutboundAddress { get; set; }

    /// <summary>
    /// Who may tell the site the reader's address in <c>X-Forwarded-For</c> (IPs or CIDRs), besides loopback, where
    /// the gateway runs.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public TimeSpan GatewayTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Stories per page on home, section, tag and search pages.</summary>
    public int PageSize { get; set; } = 12;
}
