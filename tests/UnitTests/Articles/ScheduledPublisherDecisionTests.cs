using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Publishing;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>
/// <see cref="ScheduledPublisher.DecideDue"/>: at the moment it publishes, the scheduler checks the title and the body
/// again, and unschedules a story that lost either instead of putting it live.
/// </summary>
public sealed class ScheduledPublisherDecisionTests : ArticleSpecification
{
    [Fact]
    public void A_due_story_with_a_title_and_a_body_is_published_as_a_manual_publish_would_be() =>
        Assert.Equal(Now, Then<ArticlePublished>(ScheduledPublisher.DecideDue(Given(Drafted(), Scheduled(AnHourAgo)), Now)).PublishedAt);

    [Theory]
    [InlineData("", "<p>Le budget.</p>")]
    [InlineData("Budget 2026", "")]
    [InlineData("  ", " ")]
    public void A_due_story_that_lost_its_title_or_body_is_unscheduled_instead(string title, string body)
    {
        // A scheduled story edited empty by a stream written before the edit rule existed (or by hand).
        var emptied = new ArticleEdited(Id, title, "", body, "business", ["budget"], ["A. Author"], false, DraftedAt.AddMinutes(40));
        var state = Given(Drafted(), Scheduled(AnHourAgo), emptied);

        var unscheduled = Then<ArticleUnscheduled>(ScheduledPublisher.DecideDue(state, Now));

        Assert.Equal(Now, unscheduled.At);
        var after = Given(Drafted(), Scheduled(AnHourAgo), emptied, unscheduled);
        Assert.Equal(ArticleStatus.Draft, after.Status);
        Assert.Null(after.ScheduledFor);
    }

    [Fact]
    public void A_story_that_lost_its_body_but_is_not_yet_due_is_left_alone() =>
        ThenNothing(ScheduledPublisher.DecideDue(Given(Drafted(body: ""), Scheduled(Tomorrow)), Now));

    [Fact]
    public void A_published_story_is_left_alone() =>
        ThenNothing(ScheduledPublisher.DecideDue(Given(Drafted(), Published()), Now));
}
