using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

public sealed class PublishAndScheduleTests : ArticleSpecification
{
    private static readonly DateTimeOffset Now = T0.AddHours(1);

    [Fact]
    public void Publishing_now_records_what_readers_see()
    {
        var published = Then<ArticlePublished>(ArticleDecider.Decide(Given(Drafted()), new PublishArticle(Id, null, Now)));

        Assert.Equal((Id, "budget-2026", "Budget 2026", "Summary", "business", "fr", false, Now),
            (published.ArticleId, published.Slug, published.Title, published.Summary, published.Section, published.Language,
                published.NoAds, published.PublishedAt));
        Assert.Equal(["budget"], published.Tags);
    }

    [Fact]
    public void A_time_in_the_past_publishes_now() =>
        Assert.Equal(Now, Then<ArticlePublished>(ArticleDecider.Decide(Given(Drafted()), new PublishArticle(Id, Now.AddMinutes(-5), Now))).PublishedAt);

    [Fact]
    public void A_future_time_schedules()
    {
        var scheduled = Then<ArticleScheduled>(ArticleDecider.Decide(Given(Drafted()), new PublishArticle(Id, Now.AddDays(1), Now)));
        Assert.Equal(Now.AddDays(1), scheduled.For);
        var state = Given(Drafted(), scheduled);
        Assert.Equal((ArticleStatus.Scheduled, Now.AddDays(1)), (state.Status, state.ScheduledFor));
    }

    [Fact]
    public void Publishing_a_published_article_now_again_changes_nothing() =>
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Published()), new PublishArticle(Id, null, Now)));

    [Fact]
    public void A_published_article_cannot_be_scheduled() =>
        ThenRejected(ArticleDecider.Decide(Given(Drafted(), Published()), new PublishArticle(Id, Now.AddDays(1), Now)));

    [Fact]
    public void A_retracted_article_cannot_be_published_again() =>
        Assert.Contains("retracted", ThenRejected(ArticleDecider.Decide(Given(Drafted(), Published(), Retracted()), new PublishArticle(Id, null, Now))));

    [Theory]
    [InlineData("", "<p>body</p>")]
    [InlineData("Title", "")]
    [InlineData("Title", "   ")]
    public void An_article_without_title_or_body_cannot_be_published(string title, string body) =>
        Assert.Contains("title and a body", ThenRejected(ArticleDecider.Decide(Given(Drafted(title, body)), new PublishArticle(Id, null, Now))));

    [Fact]
    public void Rescheduling_to_the_same_time_changes_nothing_and_to_another_time_reschedules()
    {
        var state = Given(Drafted(), Scheduled(Now.AddDays(1)));
        ThenNothing(ArticleDecider.Decide(state, new PublishArticle(Id, Now.AddDays(1), Now)));
        Assert.Equal(Now.AddDays(2), Then<ArticleScheduled>(ArticleDecider.Decide(state, new PublishArticle(Id, Now.AddDays(2), Now))).For);
    }

    [Fact]
    public void An_unpublished_article_can_be_published_again_and_keeps_its_first_publication_time()
    {
        var state = Given(Drafted(), Published(), Unpublished());
        var again = Then<ArticlePublished>(ArticleDecider.Decide(state, new PublishArticle(Id, null, Now.AddDays(3))));
        var after = Given(Drafted(), Published(), Unpublished(), again);
        Assert.Equal((ArticleStatus.Published, T0.AddHours(1), Now.AddDays(3)), (after.Status, after.FirstPublishedAt!.Value, after.PublishedAt!.Value));
    }

    [Fact]
    public void The_scheduler_publishes_a_due_story_with_the_same_event_as_a_manual_publish()
    {
        var published = Then<ArticlePublished>(ArticleDecider.Decide(Given(Drafted(), Scheduled(Now)), new PublishDueArticle(Id, Now.AddSeconds(1))));
        Assert.Equal(Now.AddSeconds(1), published.PublishedAt);
        Assert.Null(Given(Drafted(), Scheduled(Now), published).ScheduledFor);
    }

    [Fact]
    public void The_scheduler_leaves_a_story_that_is_not_due_or_not_scheduled()
    {
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Scheduled(Now.AddMinutes(1))), new PublishDueArticle(Id, Now)));
        ThenNothing(ArticleDecider.Decide(Given(Drafted()), new PublishDueArticle(Id, Now)));
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Published()), new PublishDueArticle(Id, Now)));
    }
}
