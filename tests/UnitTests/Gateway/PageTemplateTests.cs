using System.Text;
using System.Text.Json;
using NewsPlatform.Gateway.Pages;
using NewsPlatform.Gateway.Weather;
using Xunit;

namespace NewsPlatform.UnitTests.Gateway;

public sealed class PageTemplateTests
{
    private static readonly string[] Order = ["lang", "article", PageTemplate.Ads, "strings", PageTemplate.Weather];

    private static byte[] Parts(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void A_view_is_the_shared_parts_in_order_with_its_own_ads_and_weather()
    {
        var template = PageTemplate.For(Parts("""{"strings":{"a":"\u00e9"},"lang":"fr","article":{"id":"x","title":"<b>"}}"""), Order);
        var weather = new CurrentWeather("port-louis", "Port Louis", 25.1, "clear", DateTimeOffset.Parse("2026-11-30T04:00:00Z"));

        var page = JsonDocument.Parse(template.Render(Encoding.UTF8.GetBytes("""{"top":{"token":"t1"}}"""), weather)).RootElement;

        Assert.Equal(["lang", "article", "ads", "strings", "weather"], page.EnumerateObject().Select(p => p.Name));
        Assert.Equal("fr", page.GetProperty("lang").GetString());
        Assert.Equal("<b>", page.GetProperty("article").GetProperty("title").GetString());
        Assert.Equal("t1", page.GetProperty("ads").GetProperty("top").GetProperty("token").GetString());
        Assert.Equal("é", page.GetProperty("strings").GetProperty("a").GetString());
        Assert.Equal(25.1, page.GetProperty("weather").GetProperty("temperatureC").GetDouble());
        Assert.Equal("fr", template.Shown);
    }

    [Fact]
    public void Two_views_of_one_template_carry_each_their_own_ads()
    {
        var template = PageTemplate.For(Parts("""{"lang":"en","article":{"id":"x"},"strings":{}}"""), Order);

        var first = JsonDocument.Parse(template.Render(Encoding.UTF8.GetBytes("""{"n":1}"""), null)).RootElement;
        var second = JsonDocument.Parse(template.Render(Encoding.UTF8.GetBytes("""{"n":2}"""), null)).RootElement;

        Assert.Equal(1, first.GetProperty("ads").GetProperty("n").GetInt32());
        Assert.Equal(2, second.GetProperty("ads").GetProperty("n").GetInt32());
    }

    [Fact]
    public void Missing_parts_no_ads_and_no_weather_are_null()
    {
        var template = PageTemplate.For(Parts("""{"lang":"en"}"""), Order);

        var page = JsonDocument.Parse(template.Render(null, null)).RootElement;

        Assert.Equal(JsonValueKind.Null, page.GetProperty("article").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("ads").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("strings").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("weather").ValueKind);
    }

    [Fact]
    public void The_ad_context_is_read_once_from_the_parts_it_was_made_from()
    {
        var parts = Parts("""{"lang":"en","article":{"id":"x","section":"news"}}""");
        var reads = 0;
        string Describe(JsonElement p)
        {
            reads++;
            return "section=" + p.GetProperty("article").GetProperty("section").GetString();
        }

        var first = PageTemplate.For(parts, Order, Describe);
        var again = PageTemplate.For(parts, Order, Describe);
        var other = PageTemplate.For(Parts("""{"lang":"en","article":{"id":"x","section":"sport"}}"""), Order, Describe);

        Assert.Same(first, again);
        Assert.Equal("section=news", first.AdContext);
        Assert.Equal("section=sport", other.AdContext);
        Assert.Equal(2, reads);
    }
}
