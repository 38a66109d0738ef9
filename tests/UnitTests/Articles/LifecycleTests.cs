using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>Taking a story down: unpublishing (it may come back) and retracting (it does not).</summary>
public sealed class LifecycleTests : ArticleSpecification
{
    [Fact]
    public void Unpublishing_a_published_article_is_ArticleUnpublished_with_the_reason()
    {
        var unpublished = Then<ArticleUnpublished>(ArticleDecider.Decide(GivenAn(ArticleStatus.Published),
            new UnpublishArticle(Id, "legal", Now)));

        Assert.Equal((Id, "legal", Now), (unpublished.ArticleId, unpublished.Reason, unpublished.At));
        Assert.Equal(ArticleStatus.Unpublished, Given([.. StreamIn(ArticleStatus.Published), unpublished]).Status);
    }

    [Fact]
    public void Unpublishing_needs_no_reason() =>
        Assert.Null(Then<ArticleUnpublished>(ArticleDecider.Decide(GivenAn(ArticleStatus.Published),
            new UnpublishArticle(Id, null, Now))).Reason);

    [Fact]
    public void Unpublishing_a_scheduled_article_cancels_the_schedule_and_leaves_a_draft()
    {
        var unscheduled = Then<ArticleUnscheduled>(ArticleDecider.Decide(GivenAn(ArticleStatus.Scheduled),
            new UnpublishArticle(Id, "not ready", Now)));

        Assert.Equal((Id, Now), (unscheduled.ArticleId, unscheduled.At));
        var state = Given([.. StreamIn(ArticleStatus.Scheduled), unscheduled]);
        Assert.Equal(ArticleStatus.Draft, state.Status);
        Assert.Null(state.ScheduledFor);
    }

    [Fact]
    public void Cancelling_the_schedule_of_a_story_that_was_live_before_leaves_it_unpublished_not_a_draft()
    {
        object[] stream = [.. StreamIn(ArticleStatus.Unpublished), Scheduled(Tomorrow)];
        Assert.Equal(ArticleStatus.Scheduled, Given(stream).Status);

        var unscheduled = Then<ArticleUnscheduled>(ArticleDecider.Decide(Given(stream), new UnpublishArticle(Id, "not yet", Now)));

        var state = Given([.. stream, unscheduled]);
        Assert.Equal(ArticleStatus.Unpublished, state.Status);
        Assert.NotNull(state.FirstPublishedAt);
    }

    [Fact]
    public void Unpublishing_an_unpublished_article_changes_nothing() =>
        ThenNothing(ArticleDecider.Decide(GivenAn(ArticleStatus.Unpublished), new UnpublishArticle(Id, "again", Now)));

    [Fact]
    public void A_draft_cannot_be_unpublished() =>
        Assert.Contains("draft", ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Draft), new UnpublishArticle(Id, null, Now))));

    [Fact]
    public void A_retracted_article_cannot_be_unpublished() =>
        Assert.Contains("retracted", ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Retracted),
            new UnpublishArticle(Id, null, Now))));

    [Fact]
    public void Retracting_a_published_article_is_ArticleRetracted_with_the_reason()
    {
        var retracted = Then<ArticleRetracted>(ArticleDecider.Decide(GivenAn(ArticleStatus.Published),
            new RetractArticle(Id, "wrong figures", Now)));

        Assert.Equal((Id, "wrong figures", Now), (retracted.ArticleId, retracted.Reason, retracted.At));
        Assert.Equal(ArticleStatus.Retracted, Given([.. StreamIn(ArticleStatus.Published), retracted]).Status);
    }

    [Fact]
    public void Retracting_an_unpublished_article_is_ArticleRetracted_with_the_reason() =>
        Assert.Equal("wrong figures", Then<ArticleRetracted>(ArticleDecider.Decide(GivenAn(ArticleStatus.Unpublished),
            new RetractArticle(Id, "wrong figures", Now))).Reason);

    [Fact]
    public void Retracting_a_retracted_article_changes_nothing() =>
        ThenNothing(ArticleDecider.Decide(GivenAn(ArticleStatus.Retracted), new RetractArticle(Id, "again", Now)));

    [Fact]
    public void A_draft_cannot_be_retracted() =>
        Assert.Contains("draft", ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Draft), new RetractArticle(Id, "x", Now))));

    [Fact]
    public void A_scheduled_article_cannot_be_retracted() =>
        ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Scheduled), new RetractArticle(Id, "x", Now)));
}
