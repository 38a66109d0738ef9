using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>Must Read: only a live story is featured, and taking it down takes it out.</summary>
public sealed class FeatureTests : ArticleSpecification
{
    [Fact]
    public void Featuring_a_published_article_is_ArticleFeatured()
    {
        var featured = Then<ArticleFeatured>(ArticleDecider.Decide(GivenAn(ArticleStatus.Published), new FeatureArticle(Id, Now)));

        Assert.Equal((Id, Now), (featured.ArticleId, featured.At));
        Assert.True(Given([.. StreamIn(ArticleStatus.Published), featured]).Featured);
    }

    [Fact]
    public void Featuring_a_featured_article_changes_nothing() =>
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Published(), Featured()), new FeatureArticle(Id, Now)));

    [Theory]
    [InlineData(ArticleStatus.Draft)]
    [InlineData(ArticleStatus.Scheduled)]
    [InlineData(ArticleStatus.Unpublished)]
    [InlineData(ArticleStatus.Retracted)]
    public void An_article_that_is_not_published_cannot_be_featured(ArticleStatus status) =>
        Assert.Contains("published", ThenRejected(ArticleDecider.Decide(GivenAn(status), new FeatureArticle(Id, Now))));

    [Fact]
    public void Unfeaturing_a_featured_article_is_ArticleUnfeatured()
    {
        var unfeatured = Then<ArticleUnfeatured>(ArticleDecider.Decide(Given(Drafted(), Published(), Featured()),
            new UnfeatureArticle(Id, Now)));

        Assert.Equal((Id, Now), (unfeatured.ArticleId, unfeatured.At));
        Assert.False(Given(Drafted(), Published(), Featured(), unfeatured).Featured);
    }

    [Fact]
    public void Unfeaturing_an_article_that_is_not_featured_changes_nothing() =>
        ThenNothing(ArticleDecider.Decide(GivenAn(ArticleStatus.Published), new UnfeatureArticle(Id, Now)));

    [Fact]
    public void Unpublishing_a_featured_article_clears_Featured() =>
        Assert.False(Given(Drafted(), Published(), Featured(), Unpublished()).Featured);

    [Fact]
    public void Retracting_a_featured_article_clears_Featured() =>
        Assert.False(Given(Drafted(), Published(), Featured(), Unpublished(), Retracted()).Featured);

    [Fact]
    public void Retracting_a_featured_published_article_clears_Featured() =>
        Assert.False(Given(Drafted(), Published(), Featured(), Retracted()).Featured);

    [Fact]
    public void Unfeaturing_a_withdrawn_article_changes_nothing_because_withdrawal_already_cleared_Featured() =>
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Published(), Featured(), Unpublished()), new UnfeatureArticle(Id, Now)));

    [Fact]
    public void A_republished_article_is_not_featured_until_featured_again() =>
        Assert.False(Given(Drafted(), Published(), Featured(), Unpublished(), Published(AnHourAgo)).Featured);
}
