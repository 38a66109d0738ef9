using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Localization.Translations;

// Commands: what the source's events and the translators and editors ask of a group.

public sealed record OpenGroup(Guid ArticleId, string SourceLanguage, long SourceVersion, string SourceTitle, string SourceSlug,
    DateTimeOffset SourcePublishedAt, IReadOnlyList<string> SiteLanguages, DateTimeOffset Now);

public sealed record ReviseSource(Guid ArticleId, long SourceVersion, IReadOnlyList<string> ChangedFields, DateTimeOffset Now);

public sealed record RenameSource(Guid ArticleId, string Slug, long SourceVersion, DateTimeOffset Now);

public sealed record WithdrawSource(Guid ArticleId, long SourceVersion, string Reason, DateTimeOffset Now);

public sealed record SaveDraft(Guid ArticleId, string Lang, string Title, string Summary, string Body, string Slug, string By, DateTimeOffset Now);

public sealed record SubmitTranslation(Guid ArticleId, string Lang, string By, DateTimeOffset Now);

public sealed record ApproveTranslation(Guid ArticleId, string Lang, string By, DateTimeOffset Now);

public sealed record UnpublishTranslation(Guid ArticleId, string Lang, string Reason, string By, DateTimeOffset Now);

/// <summary>
/// The rules of a translation group. Source events are ordered by the article's stream version: one that is not
/// newer than what the group has seen changes nothing, so duplicates and late arrivals are harmless.
/// </summary>
public static class TranslationDecider
{
    /// <summary>The fields of the source whose change makes a translation stale.</summary>
    public static readonly IReadOnlySet<string> TextFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "title", "summary", "body" };

    public const string SystemActor = "system";

    public static Decision Decide(TranslationGroup? state, OpenGroup c)
    {
        if (state is null)
        {
            var targets = c.SiteLanguages.Where(l => !string.Equals(l, c.SourceLanguage, StringComparison.OrdinalIgnoreCase)).ToList();
            return Decision.Accept(new TranslationGroupOpened(c.ArticleId, c.SourceLanguage, c.SourceVersion, c.SourceTitle, c.SourceSlug,
                c.SourcePublishedAt, targets, c.Now));
        }

        return c.SourceVersion <= state.SourceVersion
            ? Decision.Nothing
            : Decision.Accept(new SourceRepublished(c.ArticleId, c.SourceVersion, c.SourceTitle, c.SourceSlug, state.Targets, c.Now));
    }

    public static Decision Decide(TranslationGroup? state, ReviseSource c)
    {
        // A revision is only ever of a published source; without a group its publication has not arrived yet,
        // and the group will open at a version that already includes the revision's text or a later one.
        if (state is null || c.SourceVersion <= state.SourceVersion) return Decision.Nothing;
        var stale = c.ChangedFields.Any(TextFields.Contains);
        return Decision.Accept(new SourceRevised(c.ArticleId, state.SourceVersion, c.SourceVersion, [.. c.ChangedFields], stale,
            state.Targets, c.Now));
    }

    public static Decision Decide(TranslationGroup? state, RenameSource c) =>
        // Ordered apart from the text: a slug change must not make a revision that arrives after it look old.
        state is not { IsKnown: true } || c.SourceVersion <= Math.Max(state.SlugVersion, state.SourceVersion)
            ? Decision.Nothing
            : Decision.Accept(new SourceSlugChanged(c.ArticleId, c.Slug, c.SourceVersion, c.Now));

    public static Decision Decide(TranslationGroup? state, WithdrawSource c)
    {
        if (state is null)
        {
            // The withdrawal overtook the publication: remember it, so that the late publication changes nothing.
            return Decision.Accept(
                new TranslationGroupOpened(c.ArticleId, "", c.SourceVersion, "", "", c.Now, [], c.Now),
                new SourceWithdrawn(c.ArticleId, c.SourceVersion, c.Reason, [], c.Now));
        }

        if (c.SourceVersion <= state.SourceVersion) return Decision.Nothing;
        var events = new List<object> { new SourceWithdrawn(c.ArticleId, c.SourceVersion, c.Reason, state.Targets, c.Now) };
        events.AddRange(state.Languages.Where(l => l.IsPublished)
            .Select(l => new TranslationUnpublished(c.ArticleId, l.Lang, $"The source was withdrawn: {c.Reason}", SystemActor, c.Now)));
        return Decision.Accept([.. events]);
    }

    public static Decision Decide(TranslationGroup state, SaveDraft c)
    {
        var language = state.Language(c.Lang);
        if (language is null) return Decision.Reject($"{c.Lang} is not a target language of this article.");
        var current = state.Drafts.GetValueOrDefault(language.Lang);
        if (language.Status == TranslationStatus.Draft && current is not null
            && (current.Title, current.Summary, current.Body, current.Slug, current.SourceVersion) == (c.Title, c.Summary, c.Body, c.Slug, state.SourceVersion))
        {
            return Decision.Nothing;
        }

        return Decision.Accept(new TranslationDraftSaved(c.ArticleId, language.Lang, c.Title, c.Summary, c.Body, c.Slug, state.SourceVersion, c.By, c.Now));
    }

    public static Decision Decide(TranslationGroup state, SubmitTranslation c) => state.Language(c.Lang) switch
    {
        null => Decision.Reject($"{c.Lang} is not a target language of this article."),
        { Status: TranslationStatus.InReview } => Decision.Nothing,
        { Status: TranslationStatus.Draft } l => Decision.Accept(new TranslationSubmitted(c.ArticleId, l.Lang, c.By, c.Now)),
        { Status: TranslationStatus.Stale } => Decision.Reject("The source changed since this translation was written; save it again first."),
        { Status: TranslationStatus.Untranslated } => Decision.Reject("There is no translation to submit yet."),
        _ => Decision.Reject("A published translation is not submitted again; save a new draft first."),
    };

    public static Decision Decide(TranslationGroup state, ApproveTranslation c) => state.Language(c.Lang) switch
    {
        null => Decision.Reject($"{c.Lang} is not a target language of this article."),
        { Status: TranslationStatus.Published } => Decision.Nothing,
        { Status: not TranslationStatus.InReview } => Decision.Reject("Only a translation in review can be approved."),
        _ when !state.SourceLive => Decision.Reject("The source article is not published; its translations cannot be."),
        var l when state.Drafts.GetValueOrDefault(l.Lang) is { } text => Decision.Accept(
            new TranslationApproved(c.ArticleId, l.Lang, text.Title, text.Summary, text.Body, text.Slug, text.SourceVersion, c.By, c.Now)),
        _ => Decision.Reject("There is no translation text to approve."),
    };

    public static Decision Decide(TranslationGroup state, UnpublishTranslation c) => state.Language(c.Lang) switch
    {
        null => Decision.Reject($"{c.Lang} is not a target language of this article."),
        { IsPublished: true } l => Decision.Accept(new TranslationUnpublished(c.ArticleId, l.Lang, c.Reason, c.By, c.Now)),
        _ => Decision.Reject("This translation is not published."),
    };
}
