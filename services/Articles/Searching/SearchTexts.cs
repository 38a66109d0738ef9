using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Marten;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Searching;

/// <summary>One searchable text: a published story in its own language, or one of its published translations.</summary>
public sealed record SearchText(Guid ArticleId, string Language, string Section, DateTimeOffset PublishedAt, string Title,
    string Summary, string Body);

/// <summary>
/// The search read model: a row per (article, language) in <c>search_texts</c>, with a tsvector PostgreSQL keeps
/// from the row's text in the row's language. The rows follow the article document: after every change of an
/// article (publish, revision, unpublish, retraction, a translation attached or detached) its rows are replaced,
/// in the same transaction, so the search never shows what readers cannot open.
/// </summary>
public static class SearchIndex
{
    public const string Table = "search_texts";

    // Private-use characters ts_headline puts around matches; texts never keep them (see PlainText).
    public const char MarkStart = '\uE000';
    public const char MarkEnd = '\uE001';

    /// <summary>The texts readers can find for this article: none unless it is published.</summary>
    public static IReadOnlyList<SearchText> TextsOf(Article article)
    {
        if (!article.IsPublished) return [];
        var publishedAt = article.PublishedAt ?? article.UpdatedAt;
        return
        [
            new SearchText(article.Id, article.Language, article.Section, publishedAt, Clean(article.Title), Clean(article.Summary),
                PlainText(article.Body)),
            .. article.Translations.Select(t => new SearchText(article.Id, t.Lang, article.Section, publishedAt, Clean(t.Title),
                Clean(t.Summary), PlainText(t.Body))),
        ];
    }

    /// <summary>Queues the replacement of the article's rows in the session's unit of work.</summary>
    public static void QueueRefresh(IDocumentOperations operations, Guid articleId, Article? article)
    {
        var schema = SearchSchema.Quote(operations.DocumentStore.Options.DatabaseSchemaName);
        operations.QueueSqlCommand($"DELETE FROM {schema}.{Table} WHERE article_id = ?", articleId);
        if (article is null) return;
        foreach (var text in TextsOf(article))
        {
            operations.QueueSqlCommand(
                $"INSERT INTO {schema}.{Table} (article_id, language, section, published_at, config, title, summary, body) " +
                "VALUES (?, ?, ?, ?, ?::regconfig, ?, ?, ?)",
                text.ArticleId, text.Language, text.Section, text.PublishedAt.ToUniversalTime(),
                SearchSchema.ConfigFor(operations.DocumentStore.Options.DatabaseSchemaName, text.Language),
                text.Title, text.Summary, text.Body);
        }
    }

    /// <summary>
    /// The words of sanitised HTML without its markup: what readers read, with a space where blocks meet, so
    /// "&lt;p&gt;a&lt;/p&gt;&lt;p&gt;b&lt;/p&gt;" is "a b" and not "ab".
    /// </summary>
    public static string PlainText(string html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        var text = new StringBuilder(html.Length);
        Append(document.Body!, text);
        return Clean(text.ToString());
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement e when e.LocalName is "script" or "style" or "template":
                    break;
                case IElement e:
                    var block = e.LocalName is not ("a" or "abbr" or "b" or "cite" or "code" or "em" or "i" or "mark" or "q"
                        or "s" or "small" or "span" or "strong" or "sub" or "sup" or "u");
                    if (block) text.Append(' ');
                    Append(e, text);
                    if (block) text.Append(' ');
                    break;
            }
        }
    }

    /// <summary>Whitespace collapsed, and the highlight sentinels taken out so a text can never fake a mark.</summary>
    private static string Clean(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c is MarkStart or MarkEnd || char.IsControl(c) && !char.IsWhiteSpace(c)) continue;
            if (char.IsWhiteSpace(c))
            {
                space = result.Length > 0;
                continue;
            }

            if (space) result.Append(' ');
            space = false;
            result.Append(c);
        }

        return result.ToString();
    }
}
