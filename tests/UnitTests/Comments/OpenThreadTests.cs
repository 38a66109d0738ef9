using NewsPlatform.Comments.Threads;

namespace NewsPlatform.UnitTests.Comments;

public sealed class OpenThreadTests
{
    private static readonly Guid ArticleId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_publication_opens_the_thread()
    {
        var decision = ThreadDecider.Decide(null, new OpenThread(ArticleId, "slug", "Title", 2, Now));

        Assert.Equal(new ThreadOpened(ArticleId, "slug", "Title", 2, Now), Assert.Single(decision.Events));
    }

    [Fact]
    public void A_late_or_repeated_publication_changes_nothing()
    {
        var state = CommentThread.Transition(null, new ThreadOpened(ArticleId, "slug", "Title", 5, Now));

        Assert.Empty(ThreadDecider.Decide(state, new OpenThread(ArticleId, "slug", "Title", 5, Now)).Events);
        Assert.Empty(ThreadDecider.Decide(state, new OpenThread(ArticleId, "slug", "Title", 3, Now)).Events);
    }

    [Fact]
    public void A_newer_publication_reopens_a_closed_thread()
    {
        var state = new object[]
        {
            new ThreadOpened(ArticleId, "slug", "Title", 2, Now),
            new ThreadClosed(ArticleId, "unpublished", 3, Now),
        }.Aggregate((CommentThread?)null, CommentThread.Transition);

        var decision = ThreadDecider.Decide(state, new OpenThread(ArticleId, "slug", "Title", 4, Now));

        var next = decision.Events.Aggregate(state, CommentThread.Transition);
        Assert.True(next!.IsOpen);
        Assert.Equal(4, next.SourceVersion);
    }
}
