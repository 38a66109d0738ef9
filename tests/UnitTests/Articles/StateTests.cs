using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

public sealed class StateTests : ArticleSpecification
{
    private static TranslationAttached English(string title = "Budget", long sourceVersion = 2) =>
        new(Id, "en", "budget-en", title, "Summary", "<p>x</p>", sourceVersion, T0);

    [Fact]
    public void A_stream_that_does_not_start_with_a_draft_is_no_article() =>
        Assert.Null(Article.Transition(null, Published()));

    [Fact]
    public void A_translation_is_attached_replaced_case_insensitively_and_detached()
    {
        var state = Given(Drafted(), Published(), English(), English("Budget v2", 5) with { Lang = "EN" });
        var translation = Assert.Single(state.Translations);
        Assert.Equal(("Budget v2", 5L), (translation.Title, translation.SourceVersion));
        Assert.Equal(["fr", "EN"], state.Languages);
        Assert.NotNull(state.TranslationIn("en"));

        Assert.Empty(Given(Drafted(), Published(), English(), new TranslationDetached(Id, "en", T0)).Translations);
    }

    [Fact]
    public void Transition_leaves_the_version_to_the_projection() =>
        Assert.Equal(0, Given(Drafted(), Published()).Version);
}
