using NewsPlatform.Articles.Searching;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>What the search stores of a story's HTML, and how it turns PostgreSQL's highlights into safe HTML.</summary>
public sealed class SearchTextTests
{
    [Fact]
    public void Plain_text_keeps_the_words_drops_the_markup_and_separates_blocks()
    {
        Assert.Equal("Port-Louis votes. The count & the <result>. Bold word",
            SearchIndex.PlainText("<p>Port-Louis <em>votes</em>.</p><p>The count &amp; the &lt;result&gt;.</p><ul><li><strong>Bold</strong></li><li>word</li></ul>"));
    }

    [Fact]
    public void Plain_text_never_keeps_the_highlight_sentinels()
    {
        Assert.Equal("ab", SearchIndex.PlainText("<p>a\uE000b\uE001</p>"));
    }

    [Fact]
    public void A_snippet_escapes_everything_and_only_the_matches_become_marks()
    {
        var snippet = SearchEndpoint.SafeSnippet("The \uE000elections\uE001 & <script>alert('x')</script> \"quoted\"");

        Assert.Equal("The <mark>elections</mark> &amp; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot;", snippet);
    }

    [Fact]
    public void A_snippet_never_has_an_unbalanced_mark()
    {
        Assert.Equal("<mark>a</mark>b", SearchEndpoint.SafeSnippet("\uE000a\uE000\uE001\uE001b"));
        Assert.Equal("<mark>tail</mark>", SearchEndpoint.SafeSnippet("\uE000tail"));
    }
}
