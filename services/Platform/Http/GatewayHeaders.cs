namespace NewsPlatform.Platform.Http;

/// <summary>Headers the gateway and the reader site pass between them.</summary>
public static class GatewayHeaders
{
    /// <summary>
    /// The id the gateway gives a reader's request that it passes to the site; the site sends it back on every call it
    /// makes to serve that request, so the gateway can tell when the reader's request began (docs/decisions/0025). An
    /// id the gateway did not give, or no longer serves, means nothing.
    /// </summary>
    public const string ReaderRequest = "X-Reader-Request";
}
