using Ganss.Xss;
using Marten;
using MassTransit;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Articles.Permalinks;
using NewsPlatform.Contracts;
using NewsPlatform.Platform.Messaging;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Articles.Integration;

/// <summary>
/// A translation went live: the article serves it with <c>?lang=</c> and lists it among its languages. The message is
/// trusted no more than a request (issue 12): a body is sanitised with the same sanitiser as an editor's, a slug is
/// made a slug again, and a message out of bounds is set aside with a warning instead of being served.
/// </summary>
public sealed class TranslationPublishedConsumer(ISessionFactory sessions, TimeProvider clock, HtmlSanitizer sanitizer,
    ILogger<TranslationPublishedConsumer> logger)
    : InboxConsumer<TranslationPublished>(sessions, logger)
{
    private readonly ILogger refusals = logger; // the base keeps its own copy: this one is for refused messages

    protected override async Task ApplyAsync(ConsumeContext<TranslationPublished> context, IDocumentSession session)
    {
        var m = context.Message;
        if (Refusal(m) is { } reason)
        {
            refusals.LogWarning("TranslationPublished {MessageId} for {ArticleId} refused: {Reason}", context.MessageId, m.ArticleId, reason);
            return;
        }

        var stream = await session.Events.FetchForWriting<Article>(m.ArticleId, context.CancellationToken);
        if (stream.Aggregate is null) return;
        var lang = m.Lang.Trim().ToLowerInvariant();
        var current = stream.Aggregate.TranslationIn(lang);
        if (current is not null && current.SourceVersion > m.SourceVersion) return; // an older translation arrived late

        var slug = await SlugRegistry.ReserveAsync(session, Slugs.From(m.Slug), m.ArticleId, context.CancellationToken, lang);
        stream.AppendOne(new TranslationAttached(m.ArticleId, lang, slug, m.Title.Trim(), m.Summary?.Trim() ?? "",
            sanitizer.Sanitize(m.Body ?? ""), m.SourceVersion, clock.GetUtcNow()));
    }

    /// <summary>What makes a translation unfit to serve, whoever published it; the same bounds as the translators' own route.</summary>
    public static string? Refusal(TranslationPublished m) =>
        m.ArticleId == Guid.Empty ? "no article id"
        : !LanguageNegotiation.IsLanguageTag(m.Lang?.Trim()) ? "lang is not a language tag"
        : string.IsNullOrWhiteSpace(m.Title) || m.Title.Trim().Length > MaxTitle ? $"title is empty or over {MaxTitle} characters"
        : m.Summary?.Length > MaxSummary ? $"summary is over {MaxSummary} characters"
        : m.Body?.Length > MaxBody ? $"body is over {MaxBody} characters"
        : string.IsNullOrWhiteSpace(m.Slug) || m.Slug.Length > Slugs.MaxLength * 2 ? "slug is empty or too long"
        : m.SourceVersion < 0 ? "negative source version"
        : null;

    public const int MaxTitle = 200;
    public const int MaxSummary = 500;
    public const int MaxBody = 200 * 1024;
}

public sealed class TranslationUnpublishedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<TranslationUnpublishedConsumer> logger)
    : InboxConsumer<TranslationUnpublished>(sessions, logger)
{
    protected override async Task ApplyAsync(ConsumeContext<TranslationUnpublished> context, IDocumentSession session)
    {
        var m = context.Message;
        var stream = await session.Events.FetchForWriting<Article>(m.ArticleId, context.CancellationToken);
        if (m.Lang is null || stream.Aggregate?.TranslationIn(m.Lang) is null) return;
        stream.AppendOne(new TranslationDetached(m.ArticleId, m.Lang.ToLowerInvariant(), clock.GetUtcNow()));
    }
}

/// <summary>Keeps the approved comment count for lists; an older count arriving late is ignored.</summary>
public sealed class CommentCountChangedConsumer(ISessionFactory sessions, ILogger<CommentCountChangedConsumer> logger)
    : InboxConsumer<CommentCountChanged>(sessions, logger)
{
    protected override async Task ApplyAsync(ConsumeContext<CommentCountChanged> context, IDocumentSession session)
    {
        var m = context.Message;
        var version = StreamVersionOf(context) ?? 0;
        var current = await session.LoadAsync<ArticleCommentCount>(m.ArticleId, context.CancellationToken);
        if (current is not null && current.SourceVersion > version) return;
        session.Store(new ArticleCommentCount(m.ArticleId, m.ApprovedCount, version));
    }
}
