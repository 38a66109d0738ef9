using NewsPlatform.Comments.Threads;

namespace NewsPlatform.UnitTests.Comments;

public sealed class ThreadTests
{
    private static readonly Guid ArticleId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    private static CommentThread? Given(params object[] events) => events.Aggregate((CommentThread?)null, CommentThread.Transition);

    [Fact]
    public void The_first_publication_opens_the_thread()
    {
        var decision = ThreadDecider.Decide(null, new OpenThread(ArticleId, "slug", "Title", 2, Now));
        Assert.Equal(new ThreadOpened(ArticleId, "slug", "Title", 2, Now), Assert.Single(decision.Events));
    }

    [Fact]
    public void A_late_or_repeated_publication_changes_nothing()
    {
        var state = Given(new ThreadOpened(ArticleId, "slug", "Title", 5, Now));
        Assert.Empty(ThreadDecider.Decide(state, new OpenThread(ArticleId, "slug", "Title", 5, Now)).Events);
        Assert.Empty(ThreadDecider.Decide(state, new OpenThread(ArticleId, "slug", "Title", 3, Now)).Events);
    }

    [Fact]
    public void Withdrawing_the_article_closes_the_thread_and_a_newer_publication_reopens_it()
    {
        var opened = new ThreadOpened(ArticleId, "slug", "Title", 2, Now);
        var close = ThreadDecider.Decide(Given(opened), new CloseThread(ArticleId, "article unpublished", 3, Now));
        var closed = Given([opened, .. close.Events])!;
        Assert.False(closed.IsOpen);
        Assert.False(closed.ArticleLive);

        var reopened = Given([opened, .. close.Events, .. ThreadDecider.Decide(closed, new OpenThread(ArticleId, "slug", "Title", 4, Now)).Events])!;
        Assert.True(reopened.IsOpen && reopened.ArticleLive);
        Assert.Equal(4, reopened.SourceVersion);
    }

    [Fact]
    public void A_withdrawal_that_overtakes_the_publication_keeps_the_late_publication_out()
    {
        var close = ThreadDecider.Decide(null, new CloseThread(ArticleId, "article retracted", 5, Now));
        var state = Given([.. close.Events])!;
        Assert.False(state.IsOpen);
        Assert.Empty(ThreadDecider.Decide(state, new OpenThread(ArticleId, "slug", "Title", 2, Now)).Events);
    }

    [Fact]
    public void Moderators_close_and_reopen_by_hand_but_cannot_reopen_a_withdrawn_article()
    {
        var opened = new ThreadOpened(ArticleId, "slug", "Title", 2, Now);
        var byHand = ThreadDecider.Decide(Given(opened), new CloseThread(ArticleId, "closed by the newsroom", null, Now));
        var closed = Given([opened, .. byHand.Events])!;
        Assert.False(closed.IsOpen);
        Assert.True(closed.ArticleLive);
        Assert.IsType<ThreadReopened>(Assert.Single(ThreadDecider.Decide(closed, new ReopenThread(ArticleId, Now)).Events));
        Assert.Empty(ThreadDecider.Decide(closed, new CloseThread(ArticleId, "again", null, Now)).Events);

        var withdrawn = Given(opened, new ThreadClosed(ArticleId, "article unpublished", 3, true, Now))!;
        Assert.True(ThreadDecider.Decide(withdrawn, new ReopenThread(ArticleId, Now)).IsRejected);
    }
}
