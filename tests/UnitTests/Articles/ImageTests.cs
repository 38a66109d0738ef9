using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Drafting;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>The story's picture: how the decider records it and which pictures the input rules let through.</summary>
public sealed class ImageTests : ArticleSpecification
{
    private static readonly ArticleImage PortLouis = new("/media/port-louis.jpg", "The harbour of Port Louis at dusk", "NewsPlatform", 1200, 675);

    private static ArticleDrafted DraftedWith(ArticleImage? image) => Drafted() with { Image = image };

    [Fact]
    public void A_draft_records_its_picture_and_the_article_carries_it()
    {
        var drafted = Then<ArticleDrafted>(ArticleDecider.Decide(new DraftArticle(Id, "budget-2026", "Budget 2026", "", "<p>x</p>",
            "business", ["budget"], ["A. Author"], "fr", false, Now, PortLouis)));

        Assert.Equal(PortLouis, drafted.Image);
        Assert.Equal(PortLouis, Given(drafted).Image);
    }

    [Fact]
    public void Events_stored_before_pictures_existed_make_an_article_without_one()
    {
        var state = Given(Drafted(), Published());

        Assert.Null(state.Image);
        ThenNothing(ArticleDecider.Decide(state, EditOf(state)));
    }

    [Fact]
    public void Changing_the_picture_of_a_draft_is_an_edit_that_carries_it()
    {
        var state = Given(DraftedWith(null));

        var edited = Then<ArticleEdited>(ArticleDecider.Decide(state, EditOf(state) with { Image = PortLouis }));

        Assert.Equal(PortLouis, edited.Image);
        Assert.Equal(PortLouis, Given(DraftedWith(null), edited).Image);
    }

    [Fact]
    public void Changing_only_the_picture_of_a_published_story_is_a_revision_of_the_image_field_alone()
    {
        var state = Given(DraftedWith(PortLouis), Published());

        var revised = Then<ArticleRevised>(ArticleDecider.Decide(state, EditOf(state) with { Image = PortLouis with { Alt = "The harbour at dawn" } }));

        // Only title, summary and body make translations stale (localization's TextFields): "image" alone does not.
        Assert.Equal(["image"], revised.ChangedFields);
        Assert.Equal("The harbour at dawn", revised.Image!.Alt);
        Assert.Equal("The harbour at dawn", Given(DraftedWith(PortLouis), Published(), revised).Image!.Alt);
    }

    [Fact]
    public void An_edit_without_a_picture_takes_it_away()
    {
        var state = Given(DraftedWith(PortLouis), Published());

        var revised = Then<ArticleRevised>(ArticleDecider.Decide(state, EditOf(state) with { Image = null }));

        Assert.Equal(["image"], revised.ChangedFields);
        Assert.Null(Given(DraftedWith(PortLouis), Published(), revised).Image);
    }

    [Fact]
    public void The_same_picture_again_changes_nothing()
    {
        var state = Given(DraftedWith(PortLouis), Published());

        ThenNothing(ArticleDecider.Decide(state, EditOf(state) with { Image = PortLouis with { } }));
    }

    [Theory]
    [InlineData("/media/port-louis.jpg")]
    [InlineData("/media/2026/budget_v2.webp")]
    [InlineData("https://images.example.com/a/b.jpg?w=1200&h=675")]
    [InlineData("http://example.mu/photo.png")]
    public void These_picture_addresses_are_accepted(string url) => Assert.Empty(Errors(new ImageInput(url, "Alt", "Credit", 800, 450)));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("ftp://example.com/a.jpg")]
    [InlineData("//evil.example/a.jpg")]
    [InlineData("/media/../appsettings.json")]
    [InlineData("/media/a/../../secret.jpg")]
    [InlineData("/media/.hidden.jpg")]
    [InlineData("/media//a.jpg")]
    [InlineData("/media/%2e%2e/a.jpg")]
    [InlineData("/media/")]
    [InlineData("/images/a.jpg")]
    [InlineData("media/a.jpg")]
    [InlineData("https://example.com/a b.jpg")]
    [InlineData("https://example.com/a\u0001.jpg")]
    [InlineData("https://example.com/\"onerror=\"x.jpg")]
    [InlineData("https://user:pass@example.com/a.jpg")]
    [InlineData("https:/example.com/a.jpg")]
    [InlineData("https://")]
    [InlineData("")]
    public void These_picture_addresses_are_refused(string url) =>
        Assert.Equal(["image.url"], Errors(new ImageInput(url, "Alt", "", null, null)).Keys);

    [Fact]
    public void An_address_longer_than_2000_characters_is_refused() =>
        Assert.Contains("image.url", Errors(new ImageInput("https://example.com/" + new string('a', 2000), "Alt", "", null, null)).Keys);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_picture_needs_its_alternative_text(string? alt) =>
        Assert.Equal(["image.alt"], Errors(new ImageInput("/media/a.jpg", alt, "", null, null)).Keys);

    [Fact]
    public void Texts_and_sizes_have_limits()
    {
        var errors = Errors(new ImageInput("/media/a.jpg", new string('a', 301), new string('c', 201), 0, 10_001));

        Assert.Equal(["image.alt", "image.credit", "image.height", "image.width"], errors.Keys.Order());
        Assert.Empty(Errors(new ImageInput("/media/a.jpg", new string('a', 300), new string('c', 200), 1, 10_000)));
    }

    [Fact]
    public void No_picture_is_fine_and_a_clean_picture_is_trimmed_with_an_empty_credit_by_default()
    {
        Assert.Empty(Errors(null));
        Assert.Null(ImageRules.Clean(null));
        Assert.Equal(new ArticleImage("/media/a.jpg", "Alt", "", 800, null), ImageRules.Clean(new ImageInput(" /media/a.jpg ", " Alt ", null, 800, null)));
    }

    private static Dictionary<string, string[]> Errors(ImageInput? image)
    {
        var errors = new ValidationErrors();
        ImageRules.Validate(image, errors);
        return errors.ToDictionary();
    }
}
