using JasperFx;
using Marten;

namespace NewsPlatform.Articles.Permalinks;

/// <summary>
/// A slug that points at an article. Its id is the slug itself (translations: <c>fr/slug</c>), so the
/// primary key makes slugs unique; old slugs keep pointing at their article and answer 301.
/// </summary>
public sealed record ArticleSlug(string Id, Guid ArticleId);

public static class SlugRegistry
{
    public static string Key(string slug, string? translationLang = null) =>
        translationLang is null ? slug : $"{translationLang.ToLowerInvariant()}/{slug}";

    /// <summary>
    /// The first free form of <paramref name="baseSlug"/> (<c>slug</c>, <c>slug-2</c>, …), reserved in the session, or
    /// the first form the article already holds. One query, however many stories used the title before: the 500th
    /// "Live: cyclone updates" costs what the second did. The primary key settles a race with another writer: the
    /// loser's commit fails and <see cref="WithRetryAsync{T}"/> looks again.
    /// </summary>
    public static async Task<string> ReserveAsync(IDocumentSession session, string baseSlug, Guid articleId, CancellationToken ct,
        string? translationLang = null)
    {
        var choice = await ChooseFormAsync(session, Key(baseSlug, translationLang), articleId, ct);
        var n = Math.Abs(choice);
        var candidate = n == 1 ? baseSlug : $"{baseSlug}-{n}";
        if (choice > 0) session.Insert(new ArticleSlug(Key(candidate, translationLang), articleId));
        return candidate;
    }

    /// <summary>
    /// Reads, in one statement, every taken form of <paramref name="baseKey"/> (the key itself counts as 1, <c>key-N</c>
    /// as N ≥ 2, as the old probing made them) and answers the lowest N that is free or held by
    /// <paramref name="articleId"/>: positive when free (to reserve), negative when the article holds it already.
    /// The range on the primary key (<c>key-</c> up to <c>key-a</c>: digits sort before letters in every collation)
    /// lets PostgreSQL read only this title's forms; the exact test on each row keeps the answer right whatever the
    /// collation lets through.
    /// </summary>
    private static async Task<long> ChooseFormAsync(IQuerySession session, string baseKey, Guid articleId, CancellationToken ct)
    {
        var table = session.DocumentStore.Options.Schema.For<ArticleSlug>();
        var prefix = baseKey + "-";
        var sql = $$"""
            with taken as (
                select case when id = ? then 1::bigint else substring(id from ?)::bigint end as n,
                       coalesce(data ->> 'ArticleId', data ->> 'articleId') = ? as held
                from {{table}}
                where id = ?
                   or (id > ? and id < ? and left(id, ?) = ? and substring(id from ?) ~ '^([2-9]|[1-9][0-9]{1,17})$')
            ),
            free as (
                select case when not exists (select 1 from taken where n = 1) then 1::bigint
                            else (select min(t.n + 1) from taken t where not exists (select 1 from taken u where u.n = t.n + 1)) end as n
            )
            select case when h.n is not null and h.n < f.n then -h.n else f.n end
            from free f left join (select min(n) as n from taken where held) h on true
            """;
        var rows = await session.AdvancedSql.QueryAsync<long>(sql, ct,
            baseKey, prefix.Length + 1, articleId.ToString(),
            baseKey,
            prefix, prefix + "a", prefix.Length, prefix, prefix.Length + 1);
        return rows.Single();
    }

    /// <summary>Runs a write that reserves slugs, again if a concurrent writer took the same slug first.</summary>
    public static async Task<T> WithRetryAsync<T>(ISessionFactory sessions, Func<IDocumentSession, Task<T>> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            try
            {
                return await write(session);
            }
            catch (DocumentAlreadyExistsException) when (attempt < 5)
            {
                // Another request reserved the slug between our read and our commit: look again.
            }
        }
    }
}
