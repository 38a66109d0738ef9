using System.Text;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;
using Npgsql;

namespace NewsPlatform.Articles.Searching;

/// <summary>A search result: the article as lists show it, in the language it matched in, with the matching passage.</summary>
public sealed record SearchHit : ArticleCard
{
    public SearchHit(ArticleCard card, string snippet) : base(card) => Snippet = snippet;

    /// <summary>Safe HTML: the passage as escaped text, with the matches in <c>&lt;mark&gt;</c> and no other markup.</summary>
    public string Snippet { get; init; }
}

/// <summary>
/// <c>GET /api/articles/search?q=&amp;lang=&amp;section=&amp;page=&amp;pageSize=</c> (anyone): published stories and
/// published translations, each text stemmed in its own language with accents ignored, title matches first, then by
/// rank (title above summary above body), then newest.
/// </summary>
public static class SearchEndpoint
{
    public const int MaxQuery = 200;

    private static readonly string HeadlineOptions =
        $"StartSel={SearchIndex.MarkStart}, StopSel={SearchIndex.MarkEnd}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"";

    public static async Task<IResult> Handle(IQuerySession session, SearchDatabase database, HttpResponse response,
        IOptions<SiteOptions> site, CancellationToken ct, string? q = null, string? lang = null, string? section = null,
        int? page = null, int? pageSize = null)
    {
        var query = q?.Trim() ?? "";
        if (query.Length == 0) return Problems.Validation("q", "q is required: the words to search for.");
        if (query.Length > MaxQuery) return Problems.Validation("q", $"q must be at most {MaxQuery} characters.");
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;
        if (!ListEndpoints.TryEdition(lang, site.Value, out var language, out problem)) return problem!;
        var sectionKey = string.IsNullOrWhiteSpace(section) ? null : section.Trim().ToLowerInvariant();

        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var table = $"{SearchSchema.Quote(schema)}.{SearchIndex.Table}";
        // One branch per stemming with a constant query, so the GIN index serves each; the row's own query ranks it.
        var matches = string.Join(" OR ", SearchSchema.Stemmings.Select(stemming =>
            $"(s.config = '{Config(schema, stemming)}'::regconfig " +
            $"AND s.document @@ websearch_to_tsquery('{Config(schema, stemming)}'::regconfig, @q))"));
        var where = $"({matches}) AND (@lang::text IS NULL OR s.language = @lang) AND (@section::text IS NULL OR s.section = @section)";

        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        long total;
        await using (var count = Command(connection, $"SELECT count(*) FROM {table} s WHERE {where}", query, language, sectionKey))
        {
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        var rows = new List<(Guid ArticleId, string Language, string Snippet)>();
        if (total > paging.Skip)
        {
            // The snippet marks any of the words (the query with & turned into |): a story can match with words that are
            // only in its title, which the snippet leaves out, and ts_headline would then mark nothing at all.
            await using var select = Command(connection, $"""
                SELECT s.article_id, s.language,
                       ts_headline(s.config, s.summary || ' ' || s.body,
                                   replace(websearch_to_tsquery(s.config, @q)::text, ' & ', ' | ')::tsquery, @headline)
                FROM {table} s
                WHERE {where}
                ORDER BY ts_filter(s.document, ARRAY['a']::"char"[]) @@ websearch_to_tsquery(s.config, @q) DESC,
                         ts_rank_cd(ARRAY[0.1, 0.2, 0.4, 1.0]::float4[], s.document, websearch_to_tsquery(s.config, @q)) DESC,
                         s.published_at DESC, s.article_id, s.language
                LIMIT @take OFFSET @skip
                """, query, language, sectionKey);
            select.Parameters.AddWithValue("headline", HeadlineOptions);
            select.Parameters.AddWithValue("take", paging.PageSize);
            select.Parameters.AddWithValue("skip", paging.Skip);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        var ids = rows.Select(r => r.ArticleId).Distinct().ToArray();
        var articles = ids.Length == 0 ? [] : (await session.LoadManyAsync<Article>(ct, ids)).ToDictionary(a => a.Id);
        var counts = ids.Length == 0
            ? new Dictionary<Guid, int>()
            : (await session.LoadManyAsync<ArticleCommentCount>(ct, ids)).ToDictionary(c => c.Id, c => c.ApprovedCount);
        var hits = rows
            // The row and the article are written together; this only skips one withdrawn between the two reads.
            .Where(r => articles.TryGetValue(r.ArticleId, out var a) && a.IsPublished)
            .Select(r => new SearchHit(ArticleCard.From(articles[r.ArticleId], counts.GetValueOrDefault(r.ArticleId), r.Language),
                SafeSnippet(r.Snippet)))
            .ToList();

        response.Headers.CacheControl = ReaderCache.List;
        var languages = language ?? string.Join(", ", hits.Select(h => h.Language).Distinct(StringComparer.OrdinalIgnoreCase));
        if (languages.Length > 0) response.Headers.ContentLanguage = languages;
        return TypedResults.Ok(new PageOf<SearchHit>(hits, paging.Page, paging.PageSize, total));
    }

    /// <summary>
    /// ts_headline gives raw text with the sentinels around matches: escape all of it as HTML, then turn the
    /// sentinels (which stored texts never hold) into marks, so the only markup readers get is ours.
    /// </summary>
    public static string SafeSnippet(string headline)
    {
        var html = new StringBuilder(headline.Length + 32);
        var open = false;
        foreach (var c in headline.Trim())
        {
            switch (c)
            {
                case SearchIndex.MarkStart when !open: html.Append("<mark>"); open = true; break;
                case SearchIndex.MarkEnd when open: html.Append("</mark>"); open = false; break;
                case SearchIndex.MarkStart or SearchIndex.MarkEnd: break;
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(c); break;
            }
        }

        if (open) html.Append("</mark>");
        return html.ToString();
    }

    private static string Config(string schema, string stemming) => $"{SearchSchema.Quote(schema)}.search_{stemming}".Replace("'", "''", StringComparison.Ordinal);

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string query, string? language, string? section)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("q", query);
        command.Parameters.Add(new NpgsqlParameter("lang", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)language ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("section", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)section ?? DBNull.Value });
        return command;
    }
}
