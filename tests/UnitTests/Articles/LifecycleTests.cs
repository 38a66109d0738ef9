using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

public sealed class LifecycleTests : ArticleSpecification
{
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    [Fact]
    public void Unpublishing_a_published_article_withdraws_it_with_the_reason()
    {
        var unpublished = Then<ArticleUnpublished>(ArticleDecider.Decide(Given(Drafted(), Published()), new UnpublishArticle(Id, "legal", Now)));
        Assert.Equal("legal", unpublished.Reason);
        Assert.Equal(ArticleStatus.Unpublished, Given(Drafted(), Published(), unpublished).Status);
    }

    [Fact]
    public void Unpublishing_a_scheduled_article_cancels_the_schedule()
    {
        var unscheduled = Then<ArticleUnscheduled>(ArticleDecider.Decide(Given(Drafted(), Scheduled(Now)), new UnpublishArticle(Id, null, Now)));
        var state = Given(Drafted(), Scheduled(Now), unscheduled);
        Assert.Equal((ArticleStatus.Draft, (DateTimeOffset?)null), (state.Status, state.ScheduledFor));
    }

    [Fact]
    public void Unpublishing_twice_changes_nothing_and_a_draft_or_retracted_article_refuses()
    {
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Published(), Unpublished()), new UnpublishArticle(Id, null, Now)));
        Assert.Contains("draft", ThenRejected(ArticleDecider.Decide(Given(Drafted()), new UnpublishArticle(Id, null, Now))));
        ThenRejected(ArticleDecider.Decide(Given(Drafted(), Published(), Retracted()), new UnpublishArticle(Id, null, Now)));
    }

    [Fact]
    public void A_published_or_unpublished_story_can_be_retracted()
    {
        Assert.Equal("wrong", Then<ArticleRetracted>(ArticleDecider.Decide(Given(Drafted(), Published()), new RetractArticle(Id, "wrong", Now))).Reason);
        Then<ArticleRetracted>(ArticleDecider.Decide(Given(Drafted(), Published(), Unpublished()), new RetractArticle(Id, "wrong", Now)));
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Published(), Retracted()), new RetractArticle(Id, "again", Now)));
    }

    [Fact]
    public void A_draft_or_a_scheduled_story_cannot_be_retracted()
    {
        Assert.Contains("draft", ThenRejected(ArticleDecider.Decide(Given(Drafted()), new RetractArticle(Id, "x", Now))));
        ThenRejected(ArticleDecider.Decide(Given(Drafted(), Scheduled(Now.AddDays(1))), new RetractArticle(Id, "x", Now)));
    }

    [Fact]
    public void Only_a_published_article_is_featured_and_only_once()
    {
        var featured = Then<ArticleFeatured>(ArticleDecider.Decide(Given(Drafted(), Published()), new FeatureArticle(Id, Now)));
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Published(), featured), new FeatureArticle(Id, Now)));
        Assert.Contains("published", ThenRejected(ArticleDecider.Decide(Given(Drafted()), new FeatureArticle(Id, Now))));
    }

    [Fact]
    public void Unfeaturing_removes_the_flag_and_otherwise_changes_nothing()
    {
        var featured = new ArticleFeatured(Id, Now);
        Then<ArticleUnfeatured>(ArticleDecider.Decide(Given(Drafted(), Published(), featured), new UnfeatureArticle(Id, Now)));
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Published()), new UnfeatureArticle(Id, Now)));
    }

    [Fact]
    public void Withdrawing_an_article_takes_it_out_of_Must_Read()
    {
        var featured = new ArticleFeatured(Id, Now);
        Assert.False(Given(Drafted(), Published(), featured, Unpublished()).Featured);
        Assert.False(Given(Drafted(), Published(), featured, Retracted()).Featured);
    }

    [Fact]
    public void Corrections_accumulate_in_order_on_published_stories()
    {
        var first = Then<ArticleCorrected>(ArticleDecider.Decide(Given(Drafted(), Published()), new CorrectArticle(Id, "first", Now)));
        var second = new ArticleCorrected(Id, "second", Now.AddHours(1));
        Assert.Equal(["first", "second"], Given(Drafted(), Published(), first, second).Corrections.Select(c => c.Text));
        Then<ArticleCorrected>(ArticleDecider.Decide(Given(Drafted(), Published(), Unpublished()), new CorrectArticle(Id, "x", Now)));
    }

    [Fact]
    public void A_draft_or_a_retracted_story_takes_no_correction()
    {
        Assert.Contains("never published", ThenRejected(ArticleDecider.Decide(Given(Drafted()), new CorrectArticle(Id, "x", Now))));
        Assert.Contains("retracted", ThenRejected(ArticleDecider.Decide(Given(Drafted(), Published(), Retracted()), new CorrectArticle(Id, "x", Now))));
    }
}
