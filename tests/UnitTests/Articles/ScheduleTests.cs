using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>The scheduler's command, <see cref="PublishDueArticle"/>: publish a scheduled article once its time has come.</summary>
public sealed class ScheduleTests : ArticleSpecification
{
    [Fact]
    public void The_scheduler_publishes_a_scheduled_article_that_is_due()
    {
        var state = Given(Drafted(), Scheduled(AnHourAgo));

        var published = Then<ArticlePublished>(ArticleDecider.Decide(state, new PublishDueArticle(Id, Now)));

        Assert.Equal(Id, published.ArticleId);
        Assert.Equal(("budget-2026", "Budget 2026", "What the budget changes.", "business", "fr", false),
            (published.Slug, published.Title, published.Summary, published.Section, published.Language, published.NoAds));
        Assert.Equal(["budget"], published.Tags);
        Assert.Equal(Now, published.PublishedAt);
    }

    [Fact]
    public void The_scheduler_publishes_at_the_scheduled_moment_exactly() =>
        Assert.Equal(Now, Then<ArticlePublished>(ArticleDecider.Decide(Given(Drafted(), Scheduled(Now)),
            new PublishDueArticle(Id, Now))).PublishedAt);

    [Fact]
    public void The_scheduler_leaves_a_scheduled_article_that_is_not_yet_due() =>
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Scheduled(Now.AddTicks(1))), new PublishDueArticle(Id, Now)));

    [Theory]
    [InlineData(ArticleStatus.Draft)]
    [InlineData(ArticleStatus.Published)]
    [InlineData(ArticleStatus.Unpublished)]
    [InlineData(ArticleStatus.Retracted)]
    public void The_scheduler_leaves_an_article_that_is_not_scheduled(ArticleStatus status) =>
        ThenNothing(ArticleDecider.Decide(GivenAn(status), new PublishDueArticle(Id, Tomorrow.AddDays(7))));

    [Fact]
    public void The_scheduler_leaves_an_article_whose_schedule_was_cancelled() =>
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Scheduled(AnHourAgo), Unscheduled()), new PublishDueArticle(Id, Now)));

    [Fact]
    public void The_scheduler_follows_the_latest_schedule() =>
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Scheduled(AnHourAgo), Scheduled(Tomorrow)), new PublishDueArticle(Id, Now)));

    [Fact]
    public void A_scheduled_publication_leaves_the_article_published_with_no_schedule()
    {
        var published = Then<ArticlePublished>(ArticleDecider.Decide(Given(Drafted(), Scheduled(AnHourAgo)),
            new PublishDueArticle(Id, Now)));

        var state = Given(Drafted(), Scheduled(AnHourAgo), published);
        Assert.Equal(ArticleStatus.Published, state.Status);
        Assert.Null(state.ScheduledFor);
        Assert.Equal(Now, state.PublishedAt);
        Assert.Equal(Now, state.FirstPublishedAt);
    }

    [Fact]
    public void A_second_run_of_the_scheduler_after_publication_changes_nothing()
    {
        var published = Then<ArticlePublished>(ArticleDecider.Decide(Given(Drafted(), Scheduled(AnHourAgo)),
            new PublishDueArticle(Id, Now)));

        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Scheduled(AnHourAgo), published), new PublishDueArticle(Id, Now)));
    }
}
