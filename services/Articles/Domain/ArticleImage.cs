namespace NewsPlatform.Articles.Domain;

/// <summary>
/// The story's picture: where it is (an absolute http(s) URL or a site path under <c>/media/</c>), the text that
/// stands for it, who made it, and its size when known so pages can reserve the space before it loads.
/// </summary>
public sealed record ArticleImage(string Url, string Alt, string Credit, int? Width = null, int? Height = null);
