using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using NewsPlatform.BrowserTests.Infrastructure;

namespace NewsPlatform.BrowserTests;

/// <summary>
/// The HTML every kind of page sends, read by an HTML5 parser as a validator would: no parse error, one doctype,
/// unique ids, every picture with its alt text, every form field with its label, links that say where they go.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class MarkupTests(SiteFixture site)
{
    public static TheoryData<string> EveryKindOfPage => new()
    {
        "/en/", "/fr/", "/en/section/politics", "/en/tag/{tag}", "/en/search?q=waterfront", "/fr/search?q=", "/en/{slug}",
        "/fr/{frslug}", "/en/no-such-story-anywhere",
    };

    [Theory]
    [MemberData(nameof(EveryKindOfPage))]
    public async Task Every_kind_of_page_is_valid_HTML5(string template)
    {
        var path = template.Replace("{tag}", site.Seed.Tag).Replace("{slug}", site.Seed.Story.Slug).Replace("{frslug}", site.Seed.Story.FrenchSlug);
        using var client = site.Client();
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();

        var errors = new List<string>();
        var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = false });
        parser.Error += (_, e) => errors.Add(e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error
            ? $"{error.Position.Line}:{error.Position.Column} {error.Message}"
            : e.ToString()!);
        var document = parser.ParseDocument(html);

        Assert.True(errors.Count == 0, $"{path} has HTML parse errors:\n{string.Join('\n', errors)}");
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(document.DocumentElement.GetAttribute("lang")), $"{path}: <html> has no lang");
        Assert.Single(document.QuerySelectorAll("head > title"));
        Assert.Single(document.QuerySelectorAll("head > meta[charset]"));
        Assert.Single(document.QuerySelectorAll("main"));

        var ids = document.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        Assert.True(ids.Count == ids.Distinct().Count(), $"{path} repeats ids: {string.Join(", ", ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key))}");
        foreach (var image in document.QuerySelectorAll("img"))
        {
            Assert.True(image.HasAttribute("alt"), $"{path}: an <img> without alt: {image.OuterHtml}");
        }

        foreach (var field in document.QuerySelectorAll("input:not([type=hidden]), textarea, select").OfType<IHtmlElement>())
        {
            var labelled = (field.Id is { Length: > 0 } id && document.QuerySelector($"label[for='{id}']") is not null)
                           || field.Closest("label") is not null || field.HasAttribute("aria-label") || field.HasAttribute("aria-labelledby");
            Assert.True(labelled, $"{path}: a form field without a label: {field.OuterHtml}");
        }

        // A picture that repeats its card's headline link is hidden from assistive technology on purpose (aria-hidden,
        // out of the tab order): it needs no name of its own.
        foreach (var link in document.QuerySelectorAll("a:not([aria-hidden=true])"))
        {
            Assert.True(link.HasAttribute("href"), $"{path}: a link without href: {link.OuterHtml}");
            Assert.False(string.IsNullOrWhiteSpace(link.TextContent) && link.QuerySelector("img[alt]:not([alt=''])") is null
                         && !link.HasAttribute("aria-label"), $"{path}: a link with no name: {link.OuterHtml}");
        }
    }
}
