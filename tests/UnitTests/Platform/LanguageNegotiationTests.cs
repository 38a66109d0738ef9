using Microsoft.AspNetCore.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.UnitTests.Platform;

public sealed class LanguageNegotiationTests
{
    private static readonly SiteOptions Site = new() { Fallbacks = { ["mfe"] = ["fr"] } };

    private static HttpRequest Request(string? acceptLanguage = null)
    {
        var context = new DefaultHttpContext();
        if (acceptLanguage is not null) context.Request.Headers.AcceptLanguage = acceptLanguage;
        return context.Request;
    }

    [Fact]
    public void A_regional_tag_falls_back_to_its_language_then_the_default_without_configuration() =>
        Assert.Equal(["fr-MU", "fr", "en"], Site.Chain("fr-mu"));

    [Fact]
    public void Mauritian_Creole_follows_its_configured_chain() =>
        Assert.Equal(["mfe", "fr", "en"], Site.Chain("MFE"));

    [Fact]
    public void The_lang_query_beats_Accept_Language()
    {
        Assert.Equal(["en"], Site.Candidates(Request("fr-MU"), "en"));
        Assert.Equal(["mfe", "fr", "en"], Site.Candidates(Request("en"), "mfe"));
    }

    [Fact]
    public void Accept_Language_is_taken_by_q_value_and_q0_or_star_are_ignored() =>
        Assert.Equal(["de", "fr-MU", "fr", "en"], Site.Candidates(Request("en;q=0.1, fr-MU;q=0.8, *;q=0.9, es;q=0, de"), null));

    [Fact]
    public void Without_lang_or_Accept_Language_the_site_default_is_all() =>
        Assert.Equal(["en"], Site.Candidates(Request(), null));

    [Fact]
    public void The_site_language_of_a_request_is_the_first_candidate_the_site_publishes_in()
    {
        Assert.Equal("fr", Site.SiteLanguageOf(Site.Candidates(Request(), "fr-MU")));
        Assert.Equal("en", Site.SiteLanguageOf(Site.Candidates(Request(), "xx")));
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("fr-MU", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("e", false)]
    [InlineData("en_GB", false)]
    [InlineData("<script>", false)]
    [InlineData("", false)]
    public void Only_tags_of_the_BCP_47_shape_are_language_tags(string tag, bool valid) =>
        Assert.Equal(valid, LanguageNegotiation.IsLanguageTag(tag));
}
