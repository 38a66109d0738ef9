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

    /// <summary>The first free form of <paramref name="baseSlug"/> (<c>slug</c>, <c>slug-2</c>, …), reserved in the session.</summary>
    public static async Task<string> ReserveAsync(IDocumentSession session, string baseSlug, Guid articleId, CancellationToken ct,
        string? translationLang = null)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? baseSlug : $"{baseSlug}-{n}";
            var existing = await session.LoadAsync<ArticleSlug>(Key(candidate, translationLang), ct);
            if (existing is null)
            {
                session.Insert(new ArticleSlug(Key(candidate, translationLang), articleId));
                return candidate;
            }

            if (existing.ArticleId == articleId) return candidate;
        }
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
