using System.Security.Claims;
using Ganss.Xss;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;
using NewsPlatform.Platform.Writes;

namespace NewsPlatform.Localization.Translations;

/// <summary>A language of an article as the group read shows it.</summary>
public sealed record LanguageView(string Lang, string Status, string? Slug, string? Title, long? SourceVersion);

public sealed record GroupView(SourceView Source, IReadOnlyList<LanguageView> Translations);

public sealed record SourceView(string Lang, long Version, bool Published, string Slug, string Title);

public sealed record PublishedView(string Title, string Slug, long SourceVersion);

/// <summary>One translation with its text, for translators and editors.</summary>
public sealed record TranslationView(
    Guid ArticleId,
    string Lang,
    string Status,
    string? Title,
    string? Summary,
    string? Body,
    string? Slug,
    long? SourceVersion,
    string SourceLanguage,
    long CurrentSourceVersion,
    IReadOnlyList<string> ChangedFields,
    long? StaleSince,
    PublishedView? Published,
    DateTimeOffset? UpdatedAt,
    long Version);

public sealed record TranslationInput(string? Title, string? Summary, string? Body);

public sealed record UnpublishInput(string? Reason);

public static class TranslationEndpoints
{
    public const int MaxTitle = 200;
    public const int MaxSummary = 500;
    public const int MaxBody = 200 * 1024;

    /// <summary><c>GET /api/localization/articles/{articleId}</c>: readers see published languages; translators and editors all, with status.</summary>
    public static async Task<IResult> Group(Guid articleId, IQuerySession session, ClaimsPrincipal user, HttpRequest http,
        HttpResponse response, CancellationToken ct)
    {
        var group = await session.LoadAsync<TranslationGroup>(articleId, ct);
        if (group is not { IsKnown: true }) return Problems.NotFound($"No translation group for article {articleId}.");
        var privileged = user.IsInAnyRole(Roles.Translator, Roles.Editor);
        if (!privileged && !group.SourceLive) return Problems.NotFound($"No published article {articleId}.");

        response.Headers.CacheControl = privileged ? "private, no-cache" : "public, max-age=30";
        if (http.NotModified(group.Version) is { } notModified) return notModified;
        var languages = group.Languages
            .Where(l => privileged || (l.IsPublished && group.SourceLive))
            .Select(l => privileged
                ? new LanguageView(l.Lang, l.Status.Wire(), l.Slug, l.Title, l.SourceVersion)
                : new LanguageView(l.Lang, TranslationStatus.Published.Wire(), l.PublishedSlug, l.PublishedTitle,
                    group.Published.GetValueOrDefault(l.Lang)?.SourceVersion))
            .ToList();
        return TypedResults.Ok(new GroupView(new SourceView(group.SourceLanguage, group.SourceVersion, group.SourceLive, group.SourceSlug, group.SourceTitle), languages))
            .WithHeaders(("ETag", Versioning.ETag(group.Version)), ("Content-Language", group.SourceLanguage));
    }

    /// <summary><c>GET …/translations/{lang}</c>: the text, status, source version and, when stale, what changed.</summary>
    public static async Task<IResult> Get(Guid articleId, string lang, IQuerySession session, HttpRequest http, HttpResponse response,
        CancellationToken ct)
    {
        var (group, language, problem) = await FindAsync(session, articleId, lang, ct);
        if (problem is not null) return problem;
        response.Headers.CacheControl = "private, no-cache";
        return http.NotModified(group!.Version) ?? Ok(group, language!);
    }

    /// <summary><c>PUT …/translations/{lang}</c>: saves a draft; the first needs no If-Match, every later one does.</summary>
    public static Task<IResult> Save(Guid articleId, string lang, TranslationInput input, ISessionFactory sessions, HttpRequest http,
        ClaimsPrincipal user, HtmlSanitizer sanitizer, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors()
            .Length("title", input.Title?.Trim(), 1, MaxTitle)
            .Length("summary", input.Summary?.Trim(), 0, MaxSummary)
            .Length("body", input.Body?.Trim(), 1, MaxBody);
        if (errors.Any) return Task.FromResult(Problems.Validation(errors.ToDictionary()));

        return ExecuteAsync("localization.translation.save", articleId, lang, sessions, http, async (group, language, write) =>
        {
            var title = input.Title!.Trim();
            var slug = await FreeSlugAsync(write.Session, articleId, language, Slugs.From(title), write.Cancellation);
            return TranslationDecider.Decide(group, new SaveDraft(articleId, language, title, input.Summary?.Trim() ?? "",
                sanitizer.Sanitize(input.Body!), slug, user.ActorName(), clock.GetUtcNow()));
        }, ct, ifMatchRequired: group => group.Language(lang)?.Status != TranslationStatus.Untranslated);
    }

    public static Task<IResult> Submit(Guid articleId, string lang, ISessionFactory sessions, HttpRequest http, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct) =>
        ExecuteAsync("localization.translation.submit", articleId, lang, sessions, http, (group, l, _) =>
            ValueTask.FromResult(TranslationDecider.Decide(group, new SubmitTranslation(articleId, l, user.ActorName(), clock.GetUtcNow()))), ct);

    public static Task<IResult> Approve(Guid articleId, string lang, ISessionFactory sessions, HttpRequest http, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct) =>
        ExecuteAsync("localization.translation.approve", articleId, lang, sessions, http, (group, l, _) =>
            ValueTask.FromResult(TranslationDecider.Decide(group, new ApproveTranslation(articleId, l, user.ActorName(), clock.GetUtcNow()))), ct);

    public static async Task<IResult> Unpublish(Guid articleId, string lang, ISessionFactory sessions, HttpRequest http,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        // The reason is optional, so the body may be absent; read it only when one was sent.
        var reason = "unpublished by an editor";
        if (http.ContentLength > 0 || http.Headers.ContainsKey("Transfer-Encoding"))
        {
            if (!http.HasJsonContentType()) return TypedResults.Problem(statusCode: 415, title: "Unsupported media type",
                detail: "The request body must be JSON (Content-Type: application/json).");
            var input = await http.ReadFromJsonAsync<UnpublishInput>(ct);
            if (input?.Reason is { } given)
            {
                if (given.Trim().Length is 0 or > 500) return Problems.Validation("reason", "reason is 1 to 500 characters when given.");
                reason = given.Trim();
            }
        }

        return await ExecuteAsync("localization.translation.unpublish", articleId, lang, sessions, http, (group, l, _) =>
            ValueTask.FromResult(TranslationDecider.Decide(group, new UnpublishTranslation(articleId, l, reason, user.ActorName(), clock.GetUtcNow()))), ct);
    }

    /// <summary>
    /// How every change of a translation runs, on the one write pipeline: 404 for an unknown group or language (400 for a
    /// malformed one, 409 for the source language), If-Match (428/412), 409 from the rules, then the translation with its ETag.
    /// </summary>
    private static Task<IResult> ExecuteAsync(string name, Guid articleId, string lang, ISessionFactory sessions, HttpRequest http,
        Func<TranslationGroup, string, WriteContext, ValueTask<Decision>> decide, CancellationToken ct,
        Func<TranslationGroup, bool>? ifMatchRequired = null) =>
        !LanguageNegotiation.IsLanguageTag(lang)
            ? Task.FromResult(Problems.Validation("lang", LanguageNegotiation.InvalidTagMessage("lang")))
            : WritePipeline.ExecuteAsync(sessions, http, new WriteCommand<TranslationGroup>
        {
            Name = name,
            StreamId = articleId,
            NotFound = $"No translation group for article {articleId}.",
            VersionOf = g => g.Version,
            Expectation = Expectation.IfMatch,
            IfMatchRequired = ifMatchRequired,
            Admit = g => Find(g, articleId, lang).Item3,
            Decide = (g, write) => decide(g, Find(g, articleId, lang).Item2!.Lang, write),
            Answer = outcome => ValueTask.FromResult(Ok(outcome.State, Find(outcome.State, articleId, lang).Item2!)),
        }, ct);

    private static IResult Ok(TranslationGroup group, LanguageState language)
    {
        var text = group.Drafts.GetValueOrDefault(language.Lang) ?? group.Published.GetValueOrDefault(language.Lang);
        var published = group.Published.GetValueOrDefault(language.Lang);
        var view = new TranslationView(group.Id, language.Lang, language.Status.Wire(), text?.Title, text?.Summary, text?.Body,
            language.Slug, language.SourceVersion, group.SourceLanguage, group.SourceVersion, language.StaleFields, language.StaleSince,
            published is null ? null : new PublishedView(published.Title, published.Slug, published.SourceVersion),
            language.UpdatedAt, group.Version);
        return TypedResults.Ok(view).WithHeaders(("ETag", Versioning.ETag(group.Version)), ("Content-Language", language.Lang));
    }

    private static async Task<(TranslationGroup?, LanguageState?, IResult?)> FindAsync(IQuerySession session, Guid articleId, string lang,
        CancellationToken ct) =>
        Find(await session.LoadAsync<TranslationGroup>(articleId, ct), articleId, lang);

    private static (TranslationGroup?, LanguageState?, IResult?) Find(TranslationGroup? group, Guid articleId, string lang)
    {
        if (!LanguageNegotiation.IsLanguageTag(lang)) return (null, null, Problems.Validation("lang", LanguageNegotiation.InvalidTagMessage("lang")));
        if (group is not { IsKnown: true }) return (null, null, Problems.NotFound($"No translation group for article {articleId}."));
        if (string.Equals(group.SourceLanguage, lang, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, Problems.Conflict($"{lang} is the language the article is written in; it has no translation into it."));
        }

        return group.Language(lang) is { } language
            ? (group, language, null)
            : (null, null, Problems.NotFound($"{lang} is not a language this article is translated into."));
    }

    /// <summary>The slug of the translated title, numbered when another article already holds it in that language.</summary>
    private static async Task<string> FreeSlugAsync(IQuerySession session, Guid articleId, string lang, string baseSlug, CancellationToken ct)
    {
        var root = string.IsNullOrEmpty(baseSlug) ? articleId.ToString("N")[..12] : baseSlug;
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? root : $"{root}-{n}";
            var holder = await session.LoadAsync<TranslationSlug>(TranslationSlug.Key(lang, candidate), ct);
            if (holder is null || holder.ArticleId == articleId || n > 1000) return candidate;
        }
    }
}
