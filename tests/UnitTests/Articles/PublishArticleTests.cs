using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

public sealed class PublishArticleTests : ArticleSpecification
{
    [Fact]
    public void Publishing_now_records_what_readers_see_from_the_state()
    {
        var state = Given(Drafted(slug: "budget-2026", title: "Budget 2026", summary: "Sum", section: "business",
            tags: ["budget", "tax"], language: "fr", noAds: true));

        var published = Then<ArticlePublished>(ArticleDecider.Decide(state, new PublishArticle(Id, null, Now)));

        Assert.Equal(Id, published.ArticleId);
        Assert.Equal("budget-2026", published.Slug);
        Assert.Equal("Budget 2026", published.Title);
        Assert.Equal("Sum", published.Summary);
        Assert.Equal("business", published.Section);
        Assert.Equal(["budget", "tax"], published.Tags);
        Assert.Equal("fr", published.Language);
        Assert.True(published.NoAds);
        Assert.Equal(Now, published.PublishedAt);
    }

    [Fact]
    public void Publishing_carries_the_content_as_edited_not_as_drafted()
    {
        var state = Given(Drafted(),
            new ArticleEdited(Id, "Budget 2027", "New summary", "<p>new</p>", "world", ["tax"], ["B. Author"], true, AnHourAgo),
            new ArticleSlugChanged(Id, "budget-2026", "budget-2027", AnHourAgo));

        var published = Then<ArticlePublished>(ArticleDecider.Decide(state, new PublishArticle(Id, null, Now)));

        Assert.Equal(("budget-2027", "Budget 2027", "New summary", "world", true),
            (published.Slug, published.Title, published.Summary, published.Section, published.NoAds));
        Assert.Equal(["tax"], published.Tags);
    }

    [Fact]
    public void A_publish_time_in_the_past_publishes_now() =>
        Assert.Equal(Now, Then<ArticlePublished>(ArticleDecider.Decide(GivenAn(ArticleStatus.Draft),
            new PublishArticle(Id, AnHourAgo, Now))).PublishedAt);

    [Fact]
    public void A_publish_time_equal_to_now_publishes_now() =>
        Assert.Equal(Now, Then<ArticlePublished>(ArticleDecider.Decide(GivenAn(ArticleStatus.Draft),
            new PublishArticle(Id, Now, Now))).PublishedAt);

    [Fact]
    public void A_publish_time_in_the_future_schedules_the_article()
    {
        var scheduled = Then<ArticleScheduled>(ArticleDecider.Decide(GivenAn(ArticleStatus.Draft), new PublishArticle(Id, Tomorrow, Now)));

        Assert.Equal(Id, scheduled.ArticleId);
        Assert.Equal(Tomorrow, scheduled.For);
        Assert.Equal(Now, scheduled.At);
    }

    [Fact]
    public void A_scheduled_article_waits_in_the_Scheduled_status()
    {
        var state = Given(Drafted(), new ArticleScheduled(Id, Tomorrow, Now));

        Assert.Equal(ArticleStatus.Scheduled, state.Status);
        Assert.Equal(Tomorrow, state.ScheduledFor);
        Assert.Null(state.PublishedAt);
        Assert.False(state.IsPublished);
    }

    [Fact]
    public void Publishing_a_published_article_now_again_changes_nothing() =>
        ThenNothing(ArticleDecider.Decide(GivenAn(ArticleStatus.Published), new PublishArticle(Id, null, Now)));

    [Fact]
    public void Publishing_a_published_article_with_a_past_time_changes_nothing() =>
        ThenNothing(ArticleDecider.Decide(GivenAn(ArticleStatus.Published), new PublishArticle(Id, AnHourAgo, Now)));

    [Fact]
    public void A_published_article_cannot_be_scheduled() =>
        Assert.Contains("unpublish", ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Published),
            new PublishArticle(Id, Tomorrow, Now))));

    [Fact]
    public void A_retracted_article_cannot_be_published() =>
        Assert.Contains("retracted", ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Retracted),
            new PublishArticle(Id, null, Now))));

    [Fact]
    public void A_retracted_article_cannot_be_scheduled() =>
        ThenRejected(ArticleDecider.Decide(GivenAn(ArticleStatus.Retracted), new PublishArticle(Id, Tomorrow, Now)));

    [Theory]
    [InlineData("", "<p>body</p>")]
    [InlineData("   ", "<p>body</p>")]
    [InlineData("Title", "")]
    [InlineData("Title", "  \n ")]
    public void An_article_without_a_title_or_a_body_cannot_be_published(string title, string body) =>
        Assert.Contains("title and a body", ThenRejected(ArticleDecider.Decide(Given(Drafted(title: title, body: body)),
            new PublishArticle(Id, null, Now))));

    [Fact]
    public void An_article_without_a_body_cannot_be_scheduled_either() =>
        ThenRejected(ArticleDecider.Decide(Given(Drafted(body: "")), new PublishArticle(Id, Tomorrow, Now)));

    [Fact]
    public void Rescheduling_a_scheduled_article_to_the_same_time_changes_nothing() =>
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Scheduled(Tomorrow)), new PublishArticle(Id, Tomorrow, Now)));

    [Fact]
    public void Rescheduling_a_scheduled_article_to_another_time_schedules_it_again()
    {
        var later = Tomorrow.AddDays(1);
        var state = Given(Drafted(), Scheduled(Tomorrow));

        var scheduled = Then<ArticleScheduled>(ArticleDecider.Decide(state, new PublishArticle(Id, later, Now)));

        Assert.Equal(later, scheduled.For);
        Assert.Equal(later, Given(Drafted(), Scheduled(Tomorrow), scheduled).ScheduledFor);
    }

    [Fact]
    public void Publishing_a_scheduled_article_now_publishes_it_at_once()
    {
        var published = Then<ArticlePublished>(ArticleDecider.Decide(Given(Drafted(), Scheduled(Tomorrow)),
            new PublishArticle(Id, null, Now)));

        Assert.Equal(Now, published.PublishedAt);
        var state = Given(Drafted(), Scheduled(Tomorrow), published);
        Assert.Equal(ArticleStatus.Published, state.Status);
        Assert.Null(state.ScheduledFor);
    }

    [Fact]
    public void An_unpublished_article_can_be_published_again() =>
        Assert.Equal(Now, Then<ArticlePublished>(ArticleDecider.Decide(GivenAn(ArticleStatus.Unpublished),
            new PublishArticle(Id, null, Now))).PublishedAt);

    [Fact]
    public void An_unpublished_article_can_be_scheduled_again() =>
        Assert.Equal(Tomorrow, Then<ArticleScheduled>(ArticleDecider.Decide(GivenAn(ArticleStatus.Unpublished),
            new PublishArticle(Id, Tomorrow, Now))).For);
}
