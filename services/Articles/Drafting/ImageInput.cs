using System.Text.RegularExpressions;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles.Drafting;

/// <summary>The picture as a draft or an edit sends it: <c>{url, alt, credit, width?, height?}</c>, or null for none.</summary>
public sealed record ImageInput(string? Url, string? Alt, string? Credit, int? Width, int? Height);

/// <summary>
/// What a picture must be before pages show it to readers: a URL a browser fetches as an image and nothing else
/// (http(s), or a file the site serves under <c>/media/</c>), a text alternative, and a sane size.
/// </summary>
public static partial class ImageRules
{
    public const string MediaPrefix = "/media/";
    public const int MaxUrl = 2000;
    public const int MaxAlt = 300;
    public const int MaxCredit = 200;
    public const int MaxDimension = 10_000;

    public static void Validate(ImageInput? image, ValidationErrors errors)
    {
        if (image is null) return;

        var url = image.Url?.Trim();
        if (string.IsNullOrEmpty(url)) errors.Add("image.url", "image.url is required with an image.");
        else if (url.Length > MaxUrl) errors.Add("image.url", $"image.url must be at most {MaxUrl} characters.");
        else if (!IsAllowedUrl(url)) errors.Add("image.url", $"image.url must be an absolute http(s) URL or a site path under {MediaPrefix}.");

        var alt = image.Alt?.Trim();
        if (string.IsNullOrEmpty(alt)) errors.Add("image.alt", "image.alt is required with an image: it is what readers who cannot see it get.");
        else if (alt.Length > MaxAlt) errors.Add("image.alt", $"image.alt must be at most {MaxAlt} characters.");
        else if (alt.Any(char.IsControl)) errors.Add("image.alt", "image.alt must not contain control characters.");

        var credit = image.Credit?.Trim() ?? "";
        if (credit.Length > MaxCredit) errors.Add("image.credit", $"image.credit must be at most {MaxCredit} characters.");
        else if (credit.Any(char.IsControl)) errors.Add("image.credit", "image.credit must not contain control characters.");

        if (image.Width is < 1 or > MaxDimension) errors.Add("image.width", $"image.width is between 1 and {MaxDimension} pixels.");
        if (image.Height is < 1 or > MaxDimension) errors.Add("image.height", $"image.height is between 1 and {MaxDimension} pixels.");
    }

    /// <summary>The checked picture, trimmed; call after <see cref="Validate"/> found nothing.</summary>
    public static ArticleImage? Clean(ImageInput? image) => image is null
        ? null
        : new ArticleImage(image.Url!.Trim(), image.Alt!.Trim(), image.Credit?.Trim() ?? "", image.Width, image.Height);

    /// <summary>
    /// A site path is <c>/media/</c> and segments of letters, digits, '-', '_' and '.', none starting with a dot (so
    /// no <c>..</c>, no <c>//</c>, no encoded tricks). Anything else must be an absolute http or https URL with a host,
    /// written plainly: no spaces, control characters, quotes or angle brackets, no credentials.
    /// </summary>
    public static bool IsAllowedUrl(string url)
    {
        if (url.StartsWith(MediaPrefix, StringComparison.Ordinal)) return MediaPath().IsMatch(url);
        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '"' or '\'' or '<' or '>' or '\\' or '`' or '{' or '}' or '|' or '^'))
        {
            return false;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo);
    }

    [GeneratedRegex(@"^/media/[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaPath();
}
