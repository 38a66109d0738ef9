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

    public static readonly string[] DefaultSlots = ["top", "in-article", "sidebar"];

    public IReadOnlyList<string> SlotsOrDefault => Slots.Count > 0 ? Slots : DefaultSlots;
}

/// <summary>Refuses, at start-up, an <c>Advertising:TokenKey</c> that is missing, short or committed (<see cref="SigningKeyPolicy"/>).</summary>
public sealed class AdTokenKeyValidation(IHostEnvironment environment) : IValidateOptions<AdvertisingOptions>
{
    public ValidateOptionsResult Validate(string? name, AdvertisingOptions options) =>
        SigningKeyPolicy.Problem(options.TokenKey, "Advertising:TokenKey", environment) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
