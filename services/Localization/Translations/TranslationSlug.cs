using JasperFx.Events;
using Marten.Events.Projections;

namespace NewsPlatform.Localization.Translations;

/// <summary>
/// Which article holds a translated slug in a language (id <c>{lang}/{slug}</c>): the first to save it keeps it,
/// so a translated slug is unique within its language, while the same slug may exist in two languages.
/// </summary>
public sealed record TranslationSlug(string Id, Guid ArticleId)
{
    public static string Key(string lang, string slug) => $"{lang.ToLowerInvariant()}/{slug}";
}

public sealed class TranslationSlugProjection : MultiStreamProjection<TranslationSlug, string>
{
    public TranslationSlugProjection() => Identity<TranslationDraftSaved>(e => TranslationSlug.Key(e.Lang, e.Slug));

    public override TranslationSlug? Evolve(TranslationSlug? snapshot, string id, IEvent e) =>
        snapshot ?? (e.Data is TranslationDraftSaved saved ? new TranslationSlug(id, saved.ArticleId) : null);
}
