using System.Text.RegularExpressions;

namespace NewsPlatform.Web.Site;

/// <summary>
/// Where the in-article ad goes: right after the third paragraph at the top level of the story's body (a paragraph
/// inside a quote or a list does not count, and the ad never lands inside one). A body with fewer paragraphs gets the
/// ad at its end.
/// </summary>
public static partial class BodySplitter
{
    public static (string Before, string After) AfterParagraph(string body, int paragraphs = 3)
    {
        var depth = 0;
        var seen = 0;
        foreach (Match tag in Tag().Matches(body))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            if (VoidElements.Contains(name) || tag.Value.EndsWith("/>", StringComparison.Ordinal)) continue;
            var closing = tag.Groups["close"].Success;
            if (!closing)
            {
                depth++;
                continue;
            }

            depth = Math.Max(0, depth - 1);
            if (depth == 0 && name == "p" && ++seen == paragraphs)
            {
                var cut = tag.Index + tag.Length;
                return (body[..cut], body[cut..]);
            }
        }

        return (body, "");
    }

    private static readonly HashSet<string> VoidElements =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    [GeneratedRegex(@"<(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
