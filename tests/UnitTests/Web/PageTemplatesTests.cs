using System.Text;
using NewsPlatform.Web.Site;
using Xunit;

namespace NewsPlatform.UnitTests.Web;

public sealed class PageTemplatesTests
{
    private const string Address = "http://localhost:8080/en/story";
    private const string Today = "2026-11-30";

    private static byte[] Answer(string ads, string title = "Cyclone", string comments = "[]") =>
        Encoding.UTF8.GetBytes($$"""{"lang":"en","article":{"title":"{{title}}"},"comments":{{comments}},"ads":{{ads}},"strings":{"a":"b"},"weather":null}""");

    [Fact]
    public void Two_answers_that_differ_only_in_their_ads_have_one_key()
    {
        var first = PageTemplates.KeyOf(Answer("""{"top":{"clickUrl":"/c/1"}}"""), Address, Today)!.Value;
        var second = PageTemplates.KeyOf(Answer("""{"top":{"clickUrl":"/c/2"},"sidebar":null}"""), Address, Today)!.Value;

        Assert.Equal(first.Key, second.Key);
        Assert.Equal("""{"top":{"clickUrl":"/c/2"},"sidebar":null}""", Encoding.UTF8.GetString(second.Ads.Span));
    }

    [Theory]
    [InlineData("Cyclone!", "[]", Address, Today)]
    [InlineData("Cyclone", """[{"id":1}]""", Address, Today)]
    [InlineData("Cyclone", "[]", "http://localhost:8080/fr/story", Today)]
    [InlineData("Cyclone", "[]", Address, "2026-12-01")]
    public void Anything_else_the_page_shows_is_another_key(string title, string comments, string address, string date)
    {
        var seen = PageTemplates.KeyOf(Answer("{}"), Address, Today)!.Value.Key;

        Assert.NotEqual(seen, PageTemplates.KeyOf(Answer("{}", title, comments), address, date)!.Value.Key);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"lang":"en"}""")]
    [InlineData("{")]
    public void An_answer_without_an_ads_part_has_no_key(string json)
    {
        Assert.Null(PageTemplates.KeyOf(Encoding.UTF8.GetBytes(json), Address, Today));
    }

    [Fact]
    public void A_template_fills_each_marked_hole_for_each_view_and_leaves_other_comments_alone()
    {
        var templates = new PageTemplates();
        var rendered = $"<html>{templates.Marker("app")}<p>story <!--np-hole-forged:ad:top--></p>{templates.Marker("ad:top")}<form>{templates.Marker("token")}</form></html>";

        var template = templates.Make("k", Encoding.UTF8.GetBytes(rendered), "- Advertisement -", "Download The App", keep: true);
        var view = Encoding.UTF8.GetString(template.Render(hole => $"[{hole}]"));

        Assert.Equal("<html>[app]<p>story <!--np-hole-forged:ad:top--></p>[ad:top]<form>[token]</form></html>", view);
        Assert.Equal("<html>[app]<p>story <!--np-hole-forged:ad:top--></p><form></form></html>",
            Encoding.UTF8.GetString(template.Render(hole => hole == "app" ? "[app]" : "")));
        Assert.Same(template, templates.Find("k"));
        Assert.Equal("- Advertisement -", template.AdLabel);
    }

    [Fact]
    public void A_template_made_from_a_page_that_is_not_kept_is_not_found_later()
    {
        var templates = new PageTemplates();

        templates.Make("k", Encoding.UTF8.GetBytes("<html></html>"), "ad", "app", keep: false);

        Assert.Null(templates.Find("k"));
    }
}
