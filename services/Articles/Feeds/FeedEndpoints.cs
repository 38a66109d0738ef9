using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Articles.Feeds;

/// <summary>RSS 2.0 per language (<c>/feeds/{lang}/latest.rss</c>) and <c>/sitemap.xml</c> with hreflang alternates.</summary>
public static class FeedEndpoints
{
    public const int FeedSize = 50;
    public const int SitemapSize = 50_000;
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    /// <summary>Media RSS, which feed readers use for an item's picture.</summary>
    public const string MediaNamespace = "http://search.yahoo.com/mrss/";

    public static async Task<IResult> LatestRss(string lang, IQuerySession session, IOptions<SiteOptions> options,
        HttpResponse response, CancellationToken ct)
    {
        var site = options.Value;
        var language = lang.Trim().ToLowerInvariant();
        if (!site.IsSiteLanguage(language)) return Problems.NotFound($"The site has no '{lang}' edition.");

        var articles = await session.Query<Article>()
            .Where(a => a.Status == ArticleStatus.Published && a.Languages.Contains(language))
            .OrderByDescending(a => a.PublishedAt)
            .Take(FeedSize)
            .ToListAsync(ct);

        var feed = new SyndicationFeed($"{site.Name} ({language})", $"Latest articles of {site.Name}",
            new Uri(site.BaseUrl), $"{site.BaseUrl.TrimEnd('/')}/feeds/{language}/latest.rss",
            articles.Select(a => a.PublishedAt).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max() ?? DateTimeOffset.UnixEpoch)
        {
            Language = language,
            Items = articles.Select(a => Item(a, language, site)).ToList(),
        };
        feed.AttributeExtensions.Add(new XmlQualifiedName("media", "http://www.w3.org/2000/xmlns/"), MediaNamespace);

        var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
        {
            new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
        }

        response.Headers.CacheControl = ReaderCache.Feed;
        response.Headers.ContentLanguage = language;
        return TypedResults.Bytes(buffer.ToArray(), "application/rss+xml; charset=utf-8");
    }

    /// <summary><c>/sitemap.xml</c>: every published article in each of its languages, from <see cref="SitemapEntry"/>.</summary>
    public static async Task<IResult> Sitemap(IQuerySession session, IOptions<SiteOptions> options, HttpResponse response,
        CancellationToken ct)
    {
        var site = options.Value;
        // The light projection (SitemapEntry): slugs and dates, not 50,000 bodies and their translations.
        var articles = await session.Query<SitemapEntry>()
            .Where(a => a.Published)
            .OrderByDescending(a => a.PublishedAt)
            .Take(SitemapSize)
            .ToListAsync(ct);

        var buffer = new MemoryStream();
        await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            xml.WriteAttributeString("xmlns", "xhtml", null, XhtmlNamespace);
            foreach (var article in articles)
            {
                // One <url> per language version, each listing every version (itself included), as hreflang asks.
                var versions = new List<(string Lang, string Slug)> { (article.Language, article.Slug) };
                versions.AddRange(article.Translations.Select(t => (t.Lang, t.Slug)));
                foreach (var (lang, slug) in versions)
                {
                    xml.WriteStartElement("url");
                    xml.WriteElementString("loc", site.ArticleUrl(lang, slug));
                    xml.WriteElementString("lastmod", article.UpdatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));
                    foreach (var (altLang, altSlug) in versions)
                    {
                        xml.WriteStartElement("xhtml", "link", XhtmlNamespace);
                        xml.WriteAttributeString("rel", "alternate");
                        xml.WriteAttributeString("hreflang", altLang);
                        xml.WriteAttributeString("href", site.ArticleUrl(altLang, altSlug));
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }
            }

            xml.WriteEndElement();
        }

        response.Headers.CacheControl = ReaderCache.Feed;
        return TypedResults.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }

    /// <summary>
    /// <c>&lt;media:content url medium="image" width height&gt;</c> with the alt text as its description and the credit.
    /// A site path is made absolute against the site's public address, as the item's link is: a feed is read elsewhere.
    /// </summary>
    private static XElement MediaContent(ArticleImage image, SiteOptions site)
    {
        XNamespace media = MediaNamespace;
        var url = image.Url.StartsWith('/') ? site.BaseUrl.TrimEnd('/') + image.Url : image.Url;
        var content = new XElement(media + "content", new XAttribute("url", url), new XAttribute("medium", "image"));
        if (image.Width is { } width) content.Add(new XAttribute("width", width));
        if (image.Height is { } height) content.Add(new XAttribute("height", height));
        content.Add(new XElement(media + "description", new XAttribute("type", "plain"), image.Alt));
        if (image.Credit.Length > 0) content.Add(new XElement(media + "credit", image.Credit));
        return content;
    }

    private static SyndicationItem Item(Article article, string language, SiteOptions site)
    {
        var translation = article.TranslationIn(language);
        var slug = translation?.Slug ?? article.Slug;
        var item = new SyndicationItem(translation?.Title ?? article.Title, translation?.Summary ?? article.Summary,
            new Uri(site.ArticleUrl(language, slug)), article.Id.ToString(), article.UpdatedAt)
        {
            PublishDate = article.PublishedAt ?? article.UpdatedAt,
        };
        item.Categories.Add(new SyndicationCategory(article.Section));
        foreach (var tag in article.Tags) item.Categories.Add(new SyndicationCategory(tag));
        foreach (var author in article.Authors) item.Authors.Add(new SyndicationPerson { Name = author });
        if (article.Image is { } image) item.ElementExtensions.Add(MediaContent(image, site));
        return item;
    }
}
