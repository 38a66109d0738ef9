using Marten;
using Marten.Pagination;
using Microsoft.Extensions.Options;
using NewsPlatform.Localization.Terms;
using NewsPlatform.Localization.Translations;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Localization.Tasks;

public sealed record TaskView(
    Guid ArticleId,
    string Lang,
    string Status,
    string SourceTitle,
    string SourceLanguage,
    DateTimeOffset SourcePublishedAt,
    long SourceVersion,
    long? TranslatedVersion,
    IReadOnlyList<string> ChangedFields,
    long? StaleSince);

public sealed record TermTaskView(string Kind, string Key, string Lang);

public sealed record TermTasks(IReadOnlyList<TermTaskView> Items, int Total);

public sealed record TaskPage(IReadOnlyList<TaskView> Items, int Page, int PageSize, long Total, TermTasks Terms);

public sealed record LanguageStatus(
    string Lang,
    int PublishedSources,
    int PublishedTranslations,
    int Stale,
    int Untranslated,
    int InProgress,
    double ShareTranslated);

/// <summary>What translators have to do, and how much of the published site each language covers.</summary>
public static class TaskEndpoints
{
    public const int MaxTermTasks = 100;

    private static readonly TranslationStatus[] NeedsWork =
        [TranslationStatus.Untranslated, TranslationStatus.Stale, TranslationStatus.Draft, TranslationStatus.InReview];

    /// <summary>
    /// <c>GET /api/localization/tasks?lang=&amp;status=</c>: the translations of published sources that need work,
    /// untranslated and stale first, oldest source first; and the terms not yet named in the language.
    /// </summary>
    public static async Task<IResult> List(IQuerySession session, IOptions<SiteOptions> site, CancellationToken ct,
        string? lang = null, string? status = null, int? page = null, int? pageSize = null)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;
        var errors = new ValidationErrors();
        string? language = null;
        if (!string.IsNullOrWhiteSpace(lang))
        {
            if (!LanguageNegotiation.IsLanguageTag(lang.Trim()) || !site.Value.IsSiteLanguage(lang.Trim()))
                errors.Add("lang", $"lang is one of the site languages: {string.Join(", ", site.Value.Languages)}.");
            else language = lang.Trim().ToLowerInvariant();
        }

        var statuses = NeedsWork.ToList();
        if (!string.IsNullOrWhiteSpace(status))
        {
            statuses = [];
            foreach (var name in status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (TranslationStatuses.TryParse(name, out var parsed)) statuses.Add(parsed);
                else errors.Add("status", "status is a comma-separated list of untranslated, draft, in_review, published, stale.");
            }
        }

        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var query = session.Query<TranslationTask>().Where(t => t.SourceLive && t.Status.In(statuses.ToArray()));
        if (language is not null) query = query.Where(t => t.Lang == language);
        var tasks = await query.OrderBy(t => t.Priority).ThenBy(t => t.SourcePublishedAt).ThenBy(t => t.Id)
            .ToPagedListAsync(paging.Page, paging.PageSize, ct);

        var terms = new List<TermTaskView>();
        if (statuses.Contains(TranslationStatus.Untranslated))
        {
            // Terms are few (the sections and the tags in use): they are filtered here rather than in SQL.
            var all = await session.Query<Term>().OrderBy(t => t.FirstSeenAt).ThenBy(t => t.Key).ToListAsync(ct);
            var languages = language is null ? site.Value.Languages : [language];
            terms = [.. languages.SelectMany(l => all.Where(t => !t.IsNamedIn(l)).Select(t => new TermTaskView(t.Kind, t.Key, l)))];
        }

        return TypedResults.Ok(new TaskPage(
            [.. tasks.Select(t => new TaskView(t.ArticleId, t.Lang, t.Status.Wire(), t.SourceTitle, t.SourceLanguage, t.SourcePublishedAt,
                t.SourceVersion, t.State.SourceVersion, t.State.StaleFields, t.State.StaleSince))],
            paging.Page, paging.PageSize, tasks.TotalItemCount,
            new TermTasks([.. terms.Take(MaxTermTasks)], terms.Count)));
    }

    /// <summary><c>GET /api/localization/status</c>: per language, how much of the published site is translated, stale or untranslated.</summary>
    public static async Task<IResult> Status(IQuerySession session, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var report = new List<LanguageStatus>();
        foreach (var lang in site.Value.Languages.Select(l => l.ToLowerInvariant()).Distinct())
        {
            var live = session.Query<TranslationTask>().Where(t => t.SourceLive && t.Lang == lang);
            var sources = await live.CountAsync(ct);
            var published = await live.CountAsync(t => t.State.IsPublished, ct);
            var stale = await live.CountAsync(t => t.Status == TranslationStatus.Stale, ct);
            var untranslated = await live.CountAsync(t => t.Status == TranslationStatus.Untranslated, ct);
            var inProgress = await live.CountAsync(t => t.Status == TranslationStatus.Draft || t.Status == TranslationStatus.InReview, ct);
            report.Add(new LanguageStatus(lang, sources, published, stale, untranslated, inProgress,
                sources == 0 ? 1 : Math.Round((double)published / sources, 4)));
        }

        return TypedResults.Ok(report);
    }
}
