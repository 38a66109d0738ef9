using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using NewsPlatform.Web.Gateway;

namespace NewsPlatform.Web.Site;

/// <summary>
/// An ad slot's markup, and the "Download The App" link of the top slot's house campaign. Written in C# rather than a
/// partial view because a cached article page (<see cref="PageTemplates"/>) fills its ad holes for each view outside
/// any view rendering; every page renders its slots through here, so there is one markup for both.
/// </summary>
public static class AdHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>The labelled slot (<c>- Advertisement -</c>) with its creative and the no-JavaScript impression pixel.</summary>
    public static HtmlString Slot(string slot, AdData ad, string label)
    {
        var html = new StringBuilder(1024);
        html.Append("<aside class=\"ad ad-").Append(Encode(slot)).Append("\" data-part=\"ad-").Append(Encode(slot))
            .Append("\" data-slot=\"").Append(Encode(slot))
            .Append("\" data-campaign-id=\"").Append(ad.CampaignId)
            .Append("\" data-impression-url=\"").Append(Encode(ad.ImpressionUrl))
            .Append("\" aria-label=\"").Append(Encode(label)).Append("\">\n")
            .Append("<p class=\"ad-label\">").Append(Encode(label)).Append("</p>\n");

        if (ad.Kind == "image" && !string.IsNullOrEmpty(ad.ImageUrl))
        {
            html.Append("<a class=\"ad-creative\" href=\"").Append(Encode(ad.ClickUrl)).Append("\" rel=\"sponsored noopener\"><img src=\"")
                .Append(Encode(ad.ImageUrl)).Append("\" alt=\"").Append(Encode(string.IsNullOrWhiteSpace(ad.AltText) ? label : ad.AltText)).Append('"');
            if (ad.Width is { } width) html.Append(" width=\"").Append(width).Append('"');
            if (ad.Height is { } height) html.Append(" height=\"").Append(height).Append('"');
            html.Append(" loading=\"lazy\"></a>\n");
        }
        else if (ad.Kind == "html" && !string.IsNullOrEmpty(ad.Html))
        {
            // An HTML creative is a document of its own in a sandboxed frame: no scripts, no forms, an opaque origin (no
            // cookies, no access to this page), and links that open a new tab. Without links of its own the whole
            // creative is the click URL. The ad server sanitised it with an allow-list on upload; the sandbox holds if
            // that ever fails. No allow-scripts and no allow-same-origin, on purpose.
            var hasLinks = ad.Html.Contains("<a", StringComparison.OrdinalIgnoreCase);
            var document = "<!doctype html><html><head><meta charset=\"utf-8\"><base target=\"_blank\"></head><body style=\"margin:0\">"
                           + (hasLinks
                               ? ad.Html
                               : $"<a href=\"{System.Net.WebUtility.HtmlEncode(ad.ClickUrl)}\" target=\"_blank\" rel=\"sponsored noopener\" style=\"display:block;color:inherit;text-decoration:none\">{ad.Html}</a>")
                           + "</body></html>";
            html.Append("<iframe class=\"ad-creative ad-html\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\" srcdoc=\"")
                .Append(Encode(document)).Append("\" title=\"").Append(Encode(label))
                .Append("\" width=\"").Append(ad.Width ?? 300).Append("\" height=\"").Append(ad.Height ?? 250)
                .Append("\" loading=\"lazy\" referrerpolicy=\"no-referrer\"></iframe>\n");
        }
        else
        {
            html.Append("<a class=\"ad-creative ad-text\" href=\"").Append(Encode(ad.ClickUrl)).Append("\" rel=\"sponsored noopener\">")
                .Append(Encode(ad.Text ?? ad.AltText ?? label)).Append("</a>\n");
        }

        html.Append("<noscript><img src=\"").Append(Encode(ad.ImpressionUrl)).Append("\" alt=\"\" width=\"1\" height=\"1\"></noscript>\n</aside>\n");
        return new HtmlString(html.ToString());
    }

    /// <summary>"Download The App": the top slot's house campaign; a paying campaign in that slot is not the app.</summary>
    public static HtmlString AppLink(AdData? top, string label) =>
        top is not null && string.Equals(top.Priority, "house", StringComparison.OrdinalIgnoreCase)
            ? new HtmlString($"<a class=\"app-link\" data-part=\"app\" href=\"{Encode(top.ClickUrl)}\" rel=\"sponsored noopener\">{Encode(label)}</a>\n")
            : HtmlString.Empty;

    private static string Encode(string value) => Encoder.Encode(value);
}
