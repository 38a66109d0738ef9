using AngleSharp.Dom;
using Ganss.Xss;

namespace NewsPlatform.Advertising.Creatives;

/// <summary>
/// The HtmlSanitizer that HTML creatives go through on upload: an allow-list of what a display ad needs (text,
/// headings, lists, images and links, with plain colours, fonts, spacing and borders) and nothing else. Forms and
/// their controls, frames, objects, styles that move the ad over the page (position, z-index, transforms, floats),
/// background images, event handlers, <c>formaction</c> and any scheme but http(s) are dropped, so an ad can neither
/// ask a reader for a password nor lay itself over the story. Links open in a new tab. The reader site also shows
/// the result in a sandboxed iframe: the allow-list is the first wall, the sandbox the second.
/// </summary>
public static class CreativeSanitizer
{
    public static readonly string[] Tags =
    [
        "a", "abbr", "b", "br", "div", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "li", "ol", "p", "s", "small", "span", "strong", "sub", "sup", "u", "ul",
    ];

    public static readonly string[] Attributes = ["alt", "dir", "height", "href", "lang", "rel", "src", "style", "target", "title", "width"];

    public static readonly string[] CssProperties =
    [
        "background-color", "border", "border-bottom", "border-color", "border-left", "border-radius", "border-right", "border-style",
        "border-top", "border-width", "color", "font", "font-family", "font-size", "font-style", "font-weight", "height", "letter-spacing",
        "line-height", "margin", "margin-bottom", "margin-left", "margin-right", "margin-top", "max-height", "max-width", "padding",
        "padding-bottom", "padding-left", "padding-right", "padding-top", "text-align", "text-decoration", "text-transform", "vertical-align",
        "width",
    ];

    public static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(CssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedSchemes = new HashSet<string>(["http", "https"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowCssCustomProperties = false,
            AllowDataAttributes = false,
        })
        {
            KeepChildNodes = false, // a form's or a frame's content goes with it
        };

        // Every link leaves the ad for a new tab, without telling the landing page where it came from.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("target", "_blank");
                link.SetAttribute("rel", "sponsored noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
