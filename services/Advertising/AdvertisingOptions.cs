using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Advertising;

/// <summary>The ad server's configuration (section <c>Advertising</c>).</summary>
public sealed class AdvertisingOptions
{
    public const string Section = "Advertising";

    /// <summary>The slots a page has; campaigns and creatives target them.</summary>
    public List<string> Slots { get; set; } = [];

    /// <summary>
    /// The HMAC key of impression and click tokens (at least 32 bytes). The default is committed to the repository, so
    /// only Development and Testing start with it (<see cref="AdTokenKeyValidation"/>); <c>./platform up</c> sets one per machine.
    /// </summary>
    public string TokenKey { get; set; } = "newsplatform-development-ad-token-key-change-me";

    /// <summary>How long after a decision its impression and click still count.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each replica reloads the active campaigns it decides from.</summary>
    public TimeSpan CacheRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How the ledger counts (section <c>Advertising:Ledger</c>).</summary>
    public LedgerOptions Ledger { get; set; } = new();

    public static readonly string[] DefaultSlots = ["top", "in-article", "sidebar"];

    public IReadOnlyList<string> SlotsOrDefault => Slots.Count > 0 ? Slots : DefaultSlots;
}

/// <summary>The ledger's limits on what one client can count (section <c>Advertising:Ledger</c>).</summary>
public sealed class LedgerOptions
{
    /// <summary>
    /// How many impressions of one campaign one IP address counts in a clock minute; the rest are answered as
    /// usual and count nothing. 1 by default: one page view shows a campaign at most once, and a reader does not read
    /// a page a minute for long, so a real reader loses next to nothing while a script replaying real tokens from one
    /// address gets one count a minute. Readers who share an address (an office, a carrier's NAT) are undercounted,
    /// which an advertiser prefers to paying for fraud; raise it where that matters. 0 turns the limit off.
    /// </summary>
    public int ImpressionsPerIpPerCampaignPerMinute { get; set; } = 1;
}

/// <summary>Refuses, at start-up, an <c>Advertising:TokenKey</c> that is missing, short or committed (<see cref="SigningKeyPolicy"/>).</summary>
public sealed class AdTokenKeyValidation(IHostEnvironment environment) : IValidateOptions<AdvertisingOptions>
{
    public ValidateOptionsResult Validate(string? name, AdvertisingOptions options) =>
        SigningKeyPolicy.Problem(options.TokenKey, "Advertising:TokenKey", environment) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
