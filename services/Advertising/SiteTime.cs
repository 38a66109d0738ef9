using System.Globalization;
using NodaTime;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Advertising;

/// <summary>The site's calendar (<c>Site:TimeZone</c>, <c>Indian/Mauritius</c> by default): daily caps and report days follow it.</summary>
public static class SiteTime
{
    public static DateTimeZone Zone(this SiteOptions site) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(site.TimeZone) ?? throw new InvalidOperationException($"Unknown time zone {site.TimeZone}.");

    public static bool IsKnownZone(string zone) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null;

    public static LocalDate LocalDate(this SiteOptions site, DateTimeOffset at) => Instant.FromDateTimeOffset(at).InZone(site.Zone()).Date;

    /// <summary>The site's calendar day of an instant, as <c>yyyy-MM-dd</c>.</summary>
    public static string LocalDay(this SiteOptions site, DateTimeOffset at) =>
        site.LocalDate(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
