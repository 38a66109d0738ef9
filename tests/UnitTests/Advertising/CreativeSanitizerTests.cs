using NewsPlatform.Advertising.Creatives;

namespace NewsPlatform.UnitTests.Advertising;

/// <summary>The creative allow-list: what a phishing form, an overlay or a script would need is gone; a plain banner is kept.</summary>
public sealed class CreativeSanitizerTests
{
    private static readonly Ganss.Xss.HtmlSanitizer Sanitizer = CreativeSanitizer.Create();

    [Fact]
    public void A_plain_banner_is_kept_and_its_links_open_a_new_tab()
    {
        var banner = Sanitizer.Sanitize(
            "<div style=\"background-color: #003366; color: #ffffff; padding: 8px; text-align: center\">"
            + "<a href=\"https://airmauritius.example/offers\"><img src=\"https://cdn.airmauritius.example/banner.png\" alt=\"Fly to Rodrigues\" width=\"300\" height=\"250\"></a>"
            + "<p><strong>Rodrigues</strong> from Rs 9,900</p></div>");

        Assert.Contains("background-color: rgba(0, 51, 102, 1)", banner);
        Assert.Contains("padding: 8px", banner);
        Assert.Contains("<img src=\"https://cdn.airmauritius.example/banner.png\" alt=\"Fly to Rodrigues\" width=\"300\" height=\"250\">", banner);
        Assert.Contains("<a href=\"https://airmauritius.example/offers\" target=\"_blank\" rel=\"sponsored noopener noreferrer\">", banner);
        Assert.Contains("<p><strong>Rodrigues</strong> from Rs 9,900</p>", banner);
    }

    [Theory]
    [InlineData("<form action=\"https://evil.example/login\"><label>Password</label><input type=\"password\" name=\"p\"><button>Sign in</button></form>")]
    [InlineData("<input type=\"text\" name=\"card\">")]
    [InlineData("<button formaction=\"https://evil.example\">Go</button>")]
    [InlineData("<select><option>1</option></select><textarea>x</textarea>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x.swf\">")]
    [InlineData("<style>body { display: none }</style>")]
    [InlineData("<script>document.cookie</script>")]
    [InlineData("<link rel=\"stylesheet\" href=\"https://evil.example/a.css\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">")]
    [InlineData("<svg onload=\"alert(1)\"><a xlink:href=\"javascript:alert(1)\">x</a></svg>")]
    [InlineData("<base href=\"https://evil.example/\">")]
    public void Forms_frames_objects_styles_and_scripts_are_gone(string hostile)
    {
        var clean = Sanitizer.Sanitize(hostile + "<p>Kept</p>");

        Assert.Equal("<p>Kept</p>", clean);
    }

    [Theory]
    [InlineData("position: fixed; top: 0; left: 0")]
    [InlineData("position: absolute; z-index: 2147483647")]
    [InlineData("z-index: 10")]
    [InlineData("transform: translateY(-500px)")]
    [InlineData("float: left")]
    [InlineData("background-image: url(https://evil.example/track.gif)")]
    [InlineData("width: expression(alert(1))")]
    public void Positioning_and_everything_off_the_list_leave_the_style(string css)
    {
        var clean = Sanitizer.Sanitize($"<div style=\"{css}; color: red\">Overlay</div>");

        Assert.Equal("<div style=\"color: rgba(255, 0, 0, 1)\">Overlay</div>", clean);
    }

    [Theory]
    [InlineData("<a href=\"https://fly.example\" onclick=\"steal()\" onmouseover=\"steal()\">Fly</a>")]
    [InlineData("<img src=\"https://fly.example/a.png\" onerror=\"steal()\" alt=\"Fly\">")]
    [InlineData("<p onfocus=\"steal()\" tabindex=\"1\" data-x=\"1\" class=\"overlay\" id=\"login\">Fly</p>")]
    public void Event_handlers_and_attributes_off_the_list_are_gone(string hostile)
    {
        var clean = Sanitizer.Sanitize(hostile);

        foreach (var gone in new[] { "onclick", "onmouseover", "onerror", "onfocus", "steal", "tabindex", "data-x", "class=", "id=" })
        {
            Assert.DoesNotContain(gone, clean);
        }

        Assert.Contains("Fly", clean);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("java&#x09;script:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("ftp://files.example/x")]
    public void Only_http_and_https_urls_survive(string url)
    {
        var link = Sanitizer.Sanitize($"<a href=\"{url}\">Fly</a>");
        var image = Sanitizer.Sanitize($"<img src=\"{url}\" alt=\"Fly\">");

        Assert.DoesNotContain("href", link);
        Assert.DoesNotContain("src", image);
        Assert.Contains("Fly", link);
    }
}
