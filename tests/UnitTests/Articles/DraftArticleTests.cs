using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

public sealed class DraftArticleTests : ArticleSpecification
{
    [Fact]
    public void Drafting_produces_ArticleDrafted_with_every_field_given()
    {
        var drafted = Then<ArticleDrafted>(ArticleDecider.Decide(new DraftArticle(Id, "slug", "Title", "Sum", "<p>b</p>",
            "world", ["a", "b"], ["Me", "You"], "en", true, Now)));

        Assert.Equal(Id, drafted.ArticleId);
        Assert.Equal("slug", drafted.Slug);
        Assert.Equal("Title", drafted.Title);
        Assert.Equal("Sum", drafted.Summary);
        Assert.Equal("<p>b</p>", drafted.Body);
        Assert.Equal("world", drafted.Section);
        Assert.Equal(["a", "b"], drafted.Tags);
        Assert.Equal(["Me", "You"], drafted.Authors);
        Assert.Equal("en", drafted.Language);
        Assert.True(drafted.NoAds);
        Assert.Equal(Now, drafted.At);
    }

    [Fact]
    public void Drafting_without_ads_flag_records_ads_allowed() =>
        Assert.False(Then<ArticleDrafted>(ArticleDecider.Decide(new DraftArticle(Id, "slug", "Title", "", "", "world", [], [],
            "fr", false, Now))).NoAds);
}
