using NewsPlatform.Web.Gateway;

namespace NewsPlatform.Web.Site;

/// <summary>A list of stories under a heading (Must Read, More Articles, Latest Articles), marked with its part name.</summary>
public sealed record CardListView(SitePage Page, string Part, string Heading, IReadOnlyList<ArticleData> Items, bool Compact,
    string? Id = null);

/// <summary>"Previous" and "next" links of a paged list.</summary>
public sealed record PagerView(SitePage Page, string BasePath, string? Query, int Current, bool HasNext);
