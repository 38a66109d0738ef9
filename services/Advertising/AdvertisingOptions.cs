namespace NewsPlatform.Advertising;

/// <summary>The ad server's configuration (section <c>Advertising</c>).</summary>
public sealed class AdvertisingOptions
{
    public const string Section = "Advertising";

    /// <summary>The slots a page has; campaigns and creatives target them.</summary>
    public List<string> Slots { get; set; } = [];

    /// <summary>The HMAC key of impression and click tokens. Production sets its own.</summary>
    public string TokenKey { get; set; } = "newsplatform-development-ad-token-key-change-me";

    /// <summary>How long after a decision its impression and click still count.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each replica reloads the active campaigns it decides from.</summary>
    public TimeSpan CacheRefresh { get; set; } = TimeSpan.FromSeconds(1);

    public static readonly string[] DefaultSlots = ["top", "in-article", "sidebar"];

    public IReadOnlyList<string> SlotsOrDefault => Slots.Count > 0 ? Slots : DefaultSlots;
}
