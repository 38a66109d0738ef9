using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Newsroom.Console;

/// <summary>Times as the newsroom reads and types them: in the site's time zone (Indian/Mauritius by default).</summary>
public sealed class SiteClock(IOptions<SiteOptions> site, TimeProvider clock)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(site.Value.TimeZone);

    public string ZoneName => site.Value.TimeZone;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public string Show(DateTimeOffset? at) => at is null ? "" : Local(at.Value).ToString("yyyy-MM-dd HH:mm");

    /// <summary>A <c>datetime-local</c> value (site time) as a UTC instant.</summary>
    public DateTimeOffset? FromLocalInput(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !DateTime.TryParse(value, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var local)) return null;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public string ToLocalInput(DateTimeOffset at) => Local(at).ToString("yyyy-MM-ddTHH:mm");
}
