using NewsPlatform.Platform.Site;

namespace NewsPlatform.UnitTests.Platform;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Île Maurice : élections", "ile-maurice-elections")]
    [InlineData("  Budget 2026 — what changes?  ", "budget-2026-what-changes")]
    [InlineData("Cœur de Port-Louis", "coeur-de-port-louis")]
    [InlineData("L'été à Flic-en-Flac", "l-ete-a-flic-en-flac")]
    [InlineData("???", "article")]
    public void Titles_become_folded_lowercase_slugs(string title, string slug) =>
        Assert.Equal(slug, Slugs.From(title));

    [Fact]
    public void A_long_title_is_cut_without_a_trailing_hyphen()
    {
        var slug = Slugs.From(string.Join(' ', Enumerable.Repeat("élection", 30)));
        Assert.True(slug.Length <= Slugs.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }
}
