using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

public sealed class DraftAndEditTests : ArticleSpecification
{
    [Fact]
    public void Drafting_records_every_field_given()
    {
        var drafted = Then<ArticleDrafted>(ArticleDecider.Decide(new DraftArticle(Id, "slug", "Title", "Sum", "<p>b</p>", "world",
            ["a"], ["Me"], "en", true, T0)));

        Assert.Equal((Id, "slug", "Title", "Sum", "<p>b</p>", "world", "en", true, T0),
            (drafted.ArticleId, drafted.Slug, drafted.Title, drafted.Summary, drafted.Body, drafted.Section, drafted.Language, drafted.NoAds, drafted.At));
        Assert.Equal(["a"], drafted.Tags);
        Assert.Equal(["Me"], drafted.Authors);
        Assert.Equal(ArticleStatus.Draft, Given(drafted).Status);
    }

    [Fact]
    public void Editing_a_draft_is_an_edit_not_a_revision()
    {
        var state = Given(Drafted());
        var edited = Then<ArticleEdited>(ArticleDecider.Decide(state, Edit(state, title: "New title")));
        Assert.Equal("New title", Given(Drafted(), edited).Title);
    }

    [Fact]
    public void A_published_article_edit_is_a_revision_with_the_changed_fields_in_order()
    {
        var state = Given(Drafted(), Published());
        var revised = Then<ArticleRevised>(ArticleDecider.Decide(state,
            Edit(state, title: "T2", body: "<p>new</p>", section: "world", tags: ["budget", "tax"], noAds: true)));

        Assert.Equal(["title", "body", "section", "tags", "noAds"], revised.ChangedFields);
        var after = Given(Drafted(), Published(), revised);
        Assert.Equal(ArticleStatus.Published, after.Status);
        Assert.Equal("T2", after.Title);
        Assert.True(after.NoAds);
    }

    [Fact]
    public void An_edit_that_changes_nothing_produces_nothing() =>
        ThenNothing(ArticleDecider.Decide(Given(Drafted(), Published()), Edit(Given(Drafted(), Published()))));

    [Fact]
    public void A_retracted_article_cannot_be_edited() =>
        Assert.Contains("retracted", ThenRejected(ArticleDecider.Decide(Given(Drafted(), Published(), Retracted()),
            Edit(Given(Drafted()), title: "Again"))));

    [Fact]
    public void A_new_slug_follows_the_edit_event()
    {
        var state = Given(Drafted());
        var decision = ArticleDecider.Decide(state, Edit(state, title: "Budget 2027", newSlug: "budget-2027"));

        Assert.IsType<ArticleEdited>(decision.Events[0]);
        var changed = Assert.IsType<ArticleSlugChanged>(decision.Events[1]);
        Assert.Equal(("budget-2026", "budget-2027"), (changed.OldSlug, changed.NewSlug));
        Assert.Equal("budget-2027", Given([Drafted(), .. decision.Events]).Slug);
    }

    [Fact]
    public void The_same_slug_again_is_no_slug_change()
    {
        var state = Given(Drafted());
        Then<ArticleEdited>(ArticleDecider.Decide(state, Edit(state, title: "Other", newSlug: "budget-2026")));
    }

    [Fact]
    public void A_slug_only_change_is_only_a_slug_change()
    {
        var state = Given(Drafted(), Published());
        Then<ArticleSlugChanged>(ArticleDecider.Decide(state, Edit(state, newSlug: "budget-2026-revised")));
    }
}
