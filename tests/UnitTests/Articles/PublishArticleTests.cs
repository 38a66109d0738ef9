using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>Given events, when a command, then events or a reason: the editorial rules with no database.</summary>
public sealed class PublishArticleTests
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static ArticleDrafted Drafted(string title = "Budget 2026", string body = "<p>Le budget.</p>") =>
        new(Id, "budget-2026", title, "Summary", body, "business", ["budget"], ["A. Author"], "fr", false, Monday);

    private static Article Given(params object[] events) =>
        events.Aggregate((Article?)null, Article.Transition) ?? throw new InvalidOperationException("no stream");

    [Fact]
    public void A_draft_is_published_with_what_readers_will_see()
    {
        var decision = ArticleDecider.Decide(Given(Drafted()), new PublishArticle(Id, null, Monday.AddHours(1)));

        var published = Assert.IsType<ArticlePublished>(Assert.Single(decision.Events));
        Assert.Equal((Id, "budget-2026", "Budget 2026", "Summary", "business", "fr", false, Monday.AddHours(1)),
            (published.ArticleId, published.Slug, published.Title, published.Summary, published.Section, published.Language,
                published.NoAds, published.PublishedAt));
        Assert.Equal(["budget"], published.Tags);
    }

    [Fact]
    public void Publishing_a_published_article_again_changes_nothing()
    {
        var state = Given(Drafted(), ArticleDecider.Decide(Given(Drafted()), new PublishArticle(Id, null, Monday)).Events[0]);

        var decision = ArticleDecider.Decide(state, new PublishArticle(Id, null, Monday.AddDays(1)));

        Assert.False(decision.IsRejected);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void An_article_without_a_body_cannot_be_published()
    {
        var decision = ArticleDecider.Decide(Given(Drafted(body: "")), new PublishArticle(Id, null, Monday));

        Assert.True(decision.IsRejected);
        Assert.Contains("body", decision.Rejection);
    }

    [Fact]
    public void Publishing_sets_the_first_publication_time_once()
    {
        var first = new ArticlePublished(Id, "budget-2026", "Budget 2026", "Summary", "business", ["budget"], "fr", false, Monday);
        var again = first with { PublishedAt = Monday.AddDays(2) };

        var state = Given(Drafted(), first, again);

        Assert.Equal(ArticleStatus.Published, state.Status);
        Assert.Equal(Monday, state.FirstPublishedAt);
        Assert.Equal(Monday.AddDays(2), state.PublishedAt);
    }
}
