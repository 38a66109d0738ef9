using JasperFx.Events;
using Marten.Events.Projections;
using NewsPlatform.Localization.Translations;

namespace NewsPlatform.Localization.Tasks;

/// <summary>
/// One target language of one source article, as the translators' task list and the status report read it
/// (id <c>{articleId}/{lang}</c>). <see cref="Priority"/> puts untranslated and stale work first.
/// </summary>
public sealed record TranslationTask(
    string Id,
    Guid ArticleId,
    string Lang,
    string SourceLanguage,
    string SourceTitle,
    DateTimeOffset SourcePublishedAt,
    long SourceVersion,
    bool SourceLive,
    TranslationStatus Status,
    int Priority,
    LanguageState State)
{
    public static string Key(Guid articleId, string lang) => $"{articleId}/{lang.ToLowerInvariant()}";

    public static int PriorityOf(TranslationStatus status) => status is TranslationStatus.Untranslated or TranslationStatus.Stale ? 0 : 1;

    public TranslationTask With(LanguageState state) => this with { State = state, Status = state.Status, Priority = PriorityOf(state.Status) };
}

public sealed class TranslationTaskProjection : MultiStreamProjection<TranslationTask, string>
{
    public TranslationTaskProjection()
    {
        Identities<TranslationGroupOpened>(e => [.. e.Targets.Select(l => TranslationTask.Key(e.ArticleId, l))]);
        Identities<SourceRepublished>(e => [.. e.Targets.Select(l => TranslationTask.Key(e.ArticleId, l))]);
        Identities<SourceRevised>(e => [.. e.Targets.Select(l => TranslationTask.Key(e.ArticleId, l))]);
        Identities<SourceWithdrawn>(e => [.. e.Targets.Select(l => TranslationTask.Key(e.ArticleId, l))]);
        Identity<TranslationDraftSaved>(e => TranslationTask.Key(e.ArticleId, e.Lang));
        Identity<TranslationSubmitted>(e => TranslationTask.Key(e.ArticleId, e.Lang));
        Identity<TranslationApproved>(e => TranslationTask.Key(e.ArticleId, e.Lang));
        Identity<TranslationUnpublished>(e => TranslationTask.Key(e.ArticleId, e.Lang));
    }

    public override TranslationTask? Evolve(TranslationTask? snapshot, string id, IEvent e) => (snapshot, e.Data) switch
    {
        (null, TranslationGroupOpened o) => Open(o, id),
        (null, _) => null,
        (_, SourceRepublished r) => snapshot with { SourceLive = true, SourceVersion = r.SourceVersion, SourceTitle = r.SourceTitle },
        (_, SourceWithdrawn w) => snapshot with { SourceLive = false, SourceVersion = w.SourceVersion },
        (_, SourceRevised r) => snapshot.With(snapshot.State.Transition(r)) with { SourceVersion = r.ToVersion },
        (_, var data) => snapshot.With(snapshot.State.Transition(data)),
    };

    private static TranslationTask? Open(TranslationGroupOpened e, string id)
    {
        var lang = e.Targets.FirstOrDefault(l => TranslationTask.Key(e.ArticleId, l) == id);
        return lang is null
            ? null
            : new TranslationTask(id, e.ArticleId, lang, e.SourceLanguage, e.SourceTitle, e.SourcePublishedAt, e.SourceVersion, true,
                TranslationStatus.Untranslated, 0, LanguageState.Untranslated(lang));
    }
}
