using NewsPlatform.Articles.Domain;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>Translations the localization service published, as the article's state keeps them.</summary>
public sealed class TranslationTests : ArticleSpecification
{
    private static TranslationAttached Attached(string lang, string title = "Budget 2026", long sourceVersion = 2) =>
        new(Id, lang, $"budget-2026-{lang.ToLowerInvariant()}", title, "Summary", "<p>x</p>", sourceVersion, Now);

    private static TranslationDetached Detached(string lang) => new(Id, lang, Now);

    [Fact]
    public void Attaching_a_translation_adds_it_with_its_content()
    {
        var state = Given(Drafted(), Published(), new TranslationAttached(Id, "en", "budget-2026-en", "Budget 2026", "Summary",
            "<p>The budget.</p>", 4, Now));

        var translation = Assert.Single(state.Translations);
        Assert.Equal(new Translation("en", "budget-2026-en", "Budget 2026", "Summary", "<p>The budget.</p>", 4), translation);
    }

    [Fact]
    public void Languages_lists_the_original_language_then_each_translation() =>
        Assert.Equal(["fr", "en", "de"], Given(Drafted(), Published(), Attached("en"), Attached("de")).Languages);

    [Fact]
    public void Attaching_a_translation_again_replaces_it()
    {
        var state = Given(Drafted(), Published(), Attached("en", "Budget", 2), Attached("en", "Budget v2", 5));

        var translation = Assert.Single(state.Translations);
        Assert.Equal(("Budget v2", 5L), (translation.Title, translation.SourceVersion));
        Assert.Equal(["fr", "en"], state.Languages);
    }

    [Fact]
    public void A_translation_in_the_same_language_with_another_case_replaces_it()
    {
        var state = Given(Drafted(), Published(), Attached("en", "Budget", 2), Attached("EN", "Budget v2", 5));

        var translation = Assert.Single(state.Translations);
        Assert.Equal(("EN", "Budget v2"), (translation.Lang, translation.Title));
        Assert.Equal(["fr", "EN"], state.Languages);
    }

    [Fact]
    public void TranslationIn_finds_a_translation_whatever_the_case()
    {
        var state = Given(Drafted(), Published(), Attached("en"));

        Assert.Equal("en", state.TranslationIn("EN")?.Lang);
        Assert.Null(state.TranslationIn("de"));
    }

    [Fact]
    public void Detaching_a_translation_removes_it()
    {
        var state = Given(Drafted(), Published(), Attached("en"), Detached("en"));

        Assert.Empty(state.Translations);
        Assert.Equal(["fr"], state.Languages);
    }

    [Fact]
    public void Detaching_a_translation_is_case_insensitive() =>
        Assert.Empty(Given(Drafted(), Published(), Attached("en"), Detached("EN")).Translations);

    [Fact]
    public void Detaching_one_translation_keeps_the_others() =>
        Assert.Equal(["fr", "en", "it"], Given(Drafted(), Published(), Attached("en"), Attached("de"), Attached("it"),
            Detached("de")).Languages);

    [Fact]
    public void Detaching_a_language_without_a_translation_changes_nothing() =>
        Assert.Equal(["fr", "en"], Given(Drafted(), Published(), Attached("en"), Detached("de")).Languages);

    [Fact]
    public void Translations_stay_while_the_article_is_edited() =>
        Assert.Equal(["fr", "en"], Given(Drafted(), Published(), Attached("en"),
            new ArticleRevised(Id, "Budget 2027", "S", "<p>b</p>", "business", [], [], false, ["title"], Now)).Languages);
}
