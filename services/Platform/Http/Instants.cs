using System.Globalization;

namespace NewsPlatform.Platform.Http;

/// <summary>Instants given in a query (<c>asOf</c>, <c>at</c>): with their offset, since a bare local time names a different moment on every machine.</summary>
public static class Instants
{
    public static bool TryParseWithOffset(string? text, out DateTimeOffset instant)
    {
        instant = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 40 || value.IndexOf('T', StringComparison.OrdinalIgnoreCase) < 0) return false;
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z')
            || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':')
            || (value.Length > 5 && value[^5] is '+' or '-' && char.IsAsciiDigit(value[^1]) && value[..^5].Contains(':'))
            || (value.Length > 3 && value[^3] is '+' or '-' && value[..^3].Contains(':'));
        return hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)
            && instant.Year is >= 2000 and <= 9999;
    }
}
