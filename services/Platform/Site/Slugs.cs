using System.Globalization;
using System.Text;

namespace NewsPlatform.Platform.Site;

/// <summary>URL slugs from titles, with accents folded: <c>Île Maurice : élections</c> → <c>ile-maurice-elections</c>.</summary>
public static class Slugs
{
    public const int MaxLength = 80;

    public static string From(string title)
    {
        var builder = new StringBuilder(title.Length);
        var pendingHyphen = false;
        foreach (var c in Fold(title))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0) builder.Append('-');
                builder.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }

            if (builder.Length >= MaxLength) break;
        }

        var slug = builder.ToString().TrimEnd('-');
        return slug.Length == 0 ? "article" : slug;
    }

    private static string Fold(string text)
    {
        // Ligatures and letters that do not decompose into a base letter and a mark.
        var replaced = text.Replace("œ", "oe").Replace("Œ", "Oe").Replace("æ", "ae").Replace("Æ", "Ae")
            .Replace("ß", "ss").Replace("ø", "o").Replace("Ø", "O").Replace("đ", "d").Replace("ł", "l").Replace("Ł", "L");
        var decomposed = replaced.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(c);
        }

        return folded.ToString();
    }
}
