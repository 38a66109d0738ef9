using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>A correction is a public note on a story readers have seen.</summary>
public sealed class CorrectionTests : ArticleSpecification
{
    [Fact]
    public void Correcting_a_published_article_is_ArticleCorrected()
    {
        var corrected = Then<ArticleCorrected>(ArticleDecider.Decide(GivenAn(ArticleStatus.Published),
            new CorrectArticle(Id, "The deficit is 5%, not 4%.", Now)));

        Assert.Equal((Id, "The deficit is 5%, not 4%.", Now), (corrected.ArticleId, corrected.Text, corrected.At));
    }

    [Fact]
    public void Correcting_an_unpublished_article_is_ArticleCorrected() =>
        Assert.Equal("x", Then<ArticleCorrected>(ArticleDecider.Decide(GivenAn(ArticleStatus.Unpublished),
            new CorrectArticle(Id, "x", Now))).Text);

    [Fact]
    public void A_draft_cannot_be_corrected() =>
        Assert.Contains("never published", ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Draft),
            new CorrectArticle(Id, "x", Now))));

    [Fact]
    public void A_scheduled_article_cannot_be_corrected() =>
        ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Scheduled), new CorrectArticle(Id, "x", Now)));

    [Fact]
    public void A_retracted_article_cannot_be_corrected() =>
        Assert.Contains("retracted", ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Retracted),
            new CorrectArticle(Id, "x", Now))));

    [Fact]
    public void Corrections_accumulate_in_order()
    {
        var first = new ArticleCorrected(Id, "first", AnHourAgo);
        var second = new ArticleCorrected(Id, "second", Now);

        var state = Given(Drafted(), Published(), first, second);

        Assert.Equal([new Correction("first", AnHourAgo), new Correction("second", Now)], state.Corrections);
        Assert.Equal(Now, state.UpdatedAt);
    }

    [Fact]
    public void Corrections_stay_with_the_article_when_it_is_unpublished() =>
        Assert.Equal(["first"], Given(Drafted(), Published(), new ArticleCorrected(Id, "first", FirstPublishedAt.AddMinutes(5)),
            Unpublished()).Corrections.Select(c => c.Text));
}
