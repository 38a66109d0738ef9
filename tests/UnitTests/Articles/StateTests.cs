using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>How <see cref="Article.Transition"/> evolves the state, one event at a time.</summary>
public sealed class StateTests : ArticleSpecification
{
    [Fact]
    public void Drafting_starts_a_draft_that_has_never_been_published()
    {
        var state = Given(Drafted(tags: ["budget", "tax"], authors: ["A. Author"], noAds: true));

        Assert.Equal((Id, "budget-2026", "Budget 2026", "What the budget changes.", "<p>Le budget.</p>", "business", "fr", true),
            (state.Id, state.Slug, state.Title, state.Summary, state.Body, state.Section, state.Language, state.NoAds));
        Assert.Equal(["budget", "tax"], state.Tags);
        Assert.Equal(["A. Author"], state.Authors);
        Assert.Equal(ArticleStatus.Draft, state.Status);
        Assert.False(state.IsPublished);
        Assert.False(state.Featured);
        Assert.Equal((DraftedAt, DraftedAt), (state.CreatedAt, state.UpdatedAt));
        Assert.Null(state.FirstPublishedAt);
        Assert.Null(state.PublishedAt);
        Assert.Null(state.ScheduledFor);
        Assert.Empty(state.Corrections);
        Assert.Empty(state.Translations);
        Assert.Equal(["fr"], state.Languages);
    }

    [Fact]
    public void Events_before_ArticleDrafted_give_no_state()
    {
        Assert.Null(Article.Transition(null, Published()));
        Assert.Null(Article.Transition(null, new ArticleEdited(Id, "T", "S", "B", "world", [], [], false, Now)));
        Assert.Null(Article.Transition(null, new TranslationAttached(Id, "en", "budget", "Budget", "S", "B", 1, Now)));
        Assert.Null(Fold(Scheduled(Tomorrow), Published(), Featured(), Retracted()));
    }

    [Fact]
    public void An_event_the_article_does_not_know_leaves_the_state_as_it_was()
    {
        var state = GivenAn(ArticleStatus.Published);

        Assert.Same(state, Article.Transition(state, new { Unrelated = true }));
    }

    [Fact]
    public void An_edit_changes_the_content_and_UpdatedAt_but_not_CreatedAt()
    {
        var state = Given(Drafted(),
            new ArticleEdited(Id, "Budget 2027", "New summary", "<p>new</p>", "world", ["tax"], ["B. Author"], true, Now));

        Assert.Equal(("Budget 2027", "New summary", "<p>new</p>", "world", true),
            (state.Title, state.Summary, state.Body, state.Section, state.NoAds));
        Assert.Equal(["tax"], state.Tags);
        Assert.Equal(["B. Author"], state.Authors);
        Assert.Equal((DraftedAt, Now), (state.CreatedAt, state.UpdatedAt));
        Assert.Equal(ArticleStatus.Draft, state.Status);
    }

    [Fact]
    public void A_revision_changes_the_content_and_keeps_the_article_published()
    {
        var state = Given(Drafted(), Published(),
            new ArticleRevised(Id, "Budget 2027", "New summary", "<p>new</p>", "world", ["tax"], ["B. Author"], true, ["title"], Now));

        Assert.Equal(("Budget 2027", "<p>new</p>", "world", true), (state.Title, state.Body, state.Section, state.NoAds));
        Assert.Equal(ArticleStatus.Published, state.Status);
        Assert.Equal(FirstPublishedAt, state.PublishedAt);
        Assert.Equal(Now, state.UpdatedAt);
    }

    [Fact]
    public void A_slug_change_moves_the_slug() =>
        Assert.Equal("budget-2027", Given(Drafted(), new ArticleSlugChanged(Id, "budget-2026", "budget-2027", Now)).Slug);

    [Fact]
    public void Publishing_sets_FirstPublishedAt_and_PublishedAt()
    {
        var state = Given(Drafted(), Published(FirstPublishedAt));

        Assert.Equal(ArticleStatus.Published, state.Status);
        Assert.True(state.IsPublished);
        Assert.Equal(FirstPublishedAt, state.FirstPublishedAt);
        Assert.Equal(FirstPublishedAt, state.PublishedAt);
        Assert.Equal(FirstPublishedAt, state.UpdatedAt);
    }

    [Fact]
    public void FirstPublishedAt_is_set_once_across_a_republish()
    {
        var state = Given(Drafted(), Published(FirstPublishedAt), Unpublished(), Published(Now));

        Assert.Equal(FirstPublishedAt, state.FirstPublishedAt);
        Assert.Equal(Now, state.PublishedAt);
    }

    [Fact]
    public void Unpublishing_keeps_when_the_article_was_published()
    {
        var state = Given(Drafted(), Published(FirstPublishedAt), Unpublished());

        Assert.Equal(ArticleStatus.Unpublished, state.Status);
        Assert.False(state.IsPublished);
        Assert.Equal(FirstPublishedAt, state.FirstPublishedAt);
    }

    [Fact]
    public void Transition_does_not_touch_the_version()
    {
        var state = Given(Drafted()) with { Version = 7 };

        object[] events =
        [
            new ArticleEdited(Id, "T", "S", "<p>b</p>", "world", [], [], false, AnHourAgo),
            new ArticleSlugChanged(Id, "budget-2026", "t", AnHourAgo), Scheduled(Tomorrow), Unscheduled(), Published(Now),
            Featured(), new ArticleCorrected(Id, "c", Now), new TranslationAttached(Id, "en", "t-en", "T", "S", "B", 3, Now),
            new TranslationDetached(Id, "en", Now), Unpublished(), Retracted(),
        ];

        Assert.Equal(7, events.Aggregate((Article?)state, Article.Transition)!.Version);
        Assert.Equal(0, Given(StreamIn(ArticleStatus.Retracted)).Version);
    }
}
