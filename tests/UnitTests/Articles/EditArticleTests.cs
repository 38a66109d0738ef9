using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

public sealed class EditArticleTests : ArticleSpecification
{
    [Fact]
    public void A_draft_edit_is_ArticleEdited_with_the_new_content()
    {
        var state = GivenAn(ArticleStatus.Draft);

        var edited = Then<ArticleEdited>(ArticleDecider.Decide(state, new EditArticle(Id, "Budget 2027", "New summary",
            "<p>new</p>", "world", ["budget", "tax"], ["A. Author", "B. Author"], true, null, Now)));

        Assert.Equal(Id, edited.ArticleId);
        Assert.Equal("Budget 2027", edited.Title);
        Assert.Equal("New summary", edited.Summary);
        Assert.Equal("<p>new</p>", edited.Body);
        Assert.Equal("world", edited.Section);
        Assert.Equal(["budget", "tax"], edited.Tags);
        Assert.Equal(["A. Author", "B. Author"], edited.Authors);
        Assert.True(edited.NoAds);
        Assert.Equal(Now, edited.At);
    }

    [Fact]
    public void A_scheduled_article_edit_is_an_edit_not_a_revision()
    {
        var state = GivenAn(ArticleStatus.Scheduled);

        Assert.Equal("Budget 2027", Then<ArticleEdited>(ArticleDecider.Decide(state, EditOf(state, title: "Budget 2027"))).Title);
    }

    [Fact]
    public void A_scheduled_article_cannot_lose_its_title_or_body_before_it_goes_live()
    {
        var state = GivenAn(ArticleStatus.Scheduled);

        ThenRejected(ArticleDecider.Decide(state, EditOf(state, body: " ")));
        ThenRejected(ArticleDecider.Decide(state, EditOf(state, title: "")));
    }

    [Fact]
    public void An_unpublished_article_edit_is_an_edit_not_a_revision()
    {
        var state = GivenAn(ArticleStatus.Unpublished);

        Assert.Equal("Budget 2027", Then<ArticleEdited>(ArticleDecider.Decide(state, EditOf(state, title: "Budget 2027"))).Title);
    }

    [Fact]
    public void A_published_article_edit_is_a_revision_with_the_changed_fields()
    {
        var state = GivenAn(ArticleStatus.Published);

        var revised = Then<ArticleRevised>(ArticleDecider.Decide(state, EditOf(state, title: "Budget 2027", body: "<p>new</p>")));

        Assert.Equal(["title", "body"], revised.ChangedFields);
        Assert.Equal(Id, revised.ArticleId);
        Assert.Equal("Budget 2027", revised.Title);
        Assert.Equal(state.Summary, revised.Summary);
        Assert.Equal("<p>new</p>", revised.Body);
        Assert.Equal(state.Section, revised.Section);
        Assert.Equal(state.Tags, revised.Tags);
        Assert.Equal(state.Authors, revised.Authors);
        Assert.Equal(state.NoAds, revised.NoAds);
        Assert.Equal(Now, revised.At);
    }

    [Fact]
    public void A_revision_names_every_changed_field_in_the_fixed_order()
    {
        var state = GivenAn(ArticleStatus.Published);

        var revised = Then<ArticleRevised>(ArticleDecider.Decide(state, EditOf(state, noAds: true, authors: ["B. Author"],
            tags: ["tax"], section: "world", body: "<p>new</p>", summary: "New summary", title: "Budget 2027")));

        Assert.Equal(["title", "summary", "body", "section", "tags", "authors", "noAds"], revised.ChangedFields);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("summary")]
    [InlineData("body")]
    [InlineData("section")]
    [InlineData("tags")]
    [InlineData("authors")]
    [InlineData("noAds")]
    public void A_revision_names_only_the_field_that_changed(string field)
    {
        var state = GivenAn(ArticleStatus.Published);
        var edit = field switch
        {
            "title" => EditOf(state, title: "Budget 2027"),
            "summary" => EditOf(state, summary: "New summary"),
            "body" => EditOf(state, body: "<p>new</p>"),
            "section" => EditOf(state, section: "world"),
            "tags" => EditOf(state, tags: ["budget", "tax"]),
            "authors" => EditOf(state, authors: ["B. Author"]),
            "noAds" => EditOf(state, noAds: !state.NoAds),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.Equal([field], Then<ArticleRevised>(ArticleDecider.Decide(state, edit)).ChangedFields);
    }

    [Fact]
    public void Reordering_the_tags_is_a_change()
    {
        var state = Given(Drafted(tags: ["budget", "tax"]), Published());

        var revised = Then<ArticleRevised>(ArticleDecider.Decide(state, EditOf(state, tags: ["tax", "budget"])));

        Assert.Equal(["tags"], revised.ChangedFields);
        Assert.Equal(["tax", "budget"], revised.Tags);
    }

    [Theory]
    [InlineData(ArticleStatus.Draft)]
    [InlineData(ArticleStatus.Scheduled)]
    [InlineData(ArticleStatus.Published)]
    [InlineData(ArticleStatus.Unpublished)]
    public void An_edit_that_changes_nothing_produces_no_events(ArticleStatus status)
    {
        var state = GivenAn(status);

        ThenNothing(ArticleDecider.Decide(state, EditOf(state)));
    }

    [Fact]
    public void Tags_and_authors_in_new_lists_with_the_same_items_are_no_change()
    {
        var state = GivenAn(ArticleStatus.Published);

        ThenNothing(ArticleDecider.Decide(state, EditOf(state, tags: ["budget"], authors: ["A. Author"])));
    }

    [Fact]
    public void A_retracted_article_cannot_be_edited()
    {
        var state = GivenAn(ArticleStatus.Retracted);

        Assert.Contains("retracted", ThenRejected(ArticleDecider.Decide(state, EditOf(state, title: "Budget 2027"))));
    }

    [Fact]
    public void A_retracted_article_cannot_change_its_slug()
    {
        var state = GivenAn(ArticleStatus.Retracted);

        ThenRejected(ArticleDecider.Decide(state, EditOf(state, newSlug: "budget-2027")));
    }

    [Fact]
    public void A_new_slug_is_an_ArticleSlugChanged_after_the_edit_event()
    {
        var state = GivenAn(ArticleStatus.Draft);

        var (edited, slugChanged) = Then<ArticleEdited, ArticleSlugChanged>(ArticleDecider.Decide(state,
            EditOf(state, title: "Budget 2027", newSlug: "budget-2027")));

        Assert.Equal("Budget 2027", edited.Title);
        Assert.Equal(Id, slugChanged.ArticleId);
        Assert.Equal("budget-2026", slugChanged.OldSlug);
        Assert.Equal("budget-2027", slugChanged.NewSlug);
        Assert.Equal(Now, slugChanged.At);
    }

    [Fact]
    public void A_new_slug_on_a_published_article_follows_the_revision()
    {
        var state = GivenAn(ArticleStatus.Published);

        var (revised, slugChanged) = Then<ArticleRevised, ArticleSlugChanged>(ArticleDecider.Decide(state,
            EditOf(state, title: "Budget 2027", newSlug: "budget-2027")));

        Assert.Equal(["title"], revised.ChangedFields);
        Assert.Equal(("budget-2026", "budget-2027"), (slugChanged.OldSlug, slugChanged.NewSlug));
    }

    [Fact]
    public void A_new_slug_equal_to_the_current_one_is_no_slug_change()
    {
        var state = GivenAn(ArticleStatus.Draft);

        Then<ArticleEdited>(ArticleDecider.Decide(state, EditOf(state, title: "Budget 2027", newSlug: "budget-2026")));
    }

    [Fact]
    public void No_new_slug_is_no_slug_change()
    {
        var state = GivenAn(ArticleStatus.Published);

        Then<ArticleRevised>(ArticleDecider.Decide(state, EditOf(state, title: "Budget 2027", newSlug: null)));
    }

    [Fact]
    public void An_edit_that_changes_nothing_with_the_current_slug_produces_no_events()
    {
        var state = GivenAn(ArticleStatus.Draft);

        ThenNothing(ArticleDecider.Decide(state, EditOf(state, newSlug: "budget-2026")));
    }

    [Theory]
    [InlineData(ArticleStatus.Draft)]
    [InlineData(ArticleStatus.Published)]
    public void A_slug_only_change_produces_only_ArticleSlugChanged(ArticleStatus status)
    {
        var state = GivenAn(status);

        var slugChanged = Then<ArticleSlugChanged>(ArticleDecider.Decide(state, EditOf(state, newSlug: "budget-2026-revised")));

        Assert.Equal(("budget-2026", "budget-2026-revised"), (slugChanged.OldSlug, slugChanged.NewSlug));
    }
}
