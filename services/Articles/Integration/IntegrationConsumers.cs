using Marten;
using MassTransit;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Articles.Permalinks;
using NewsPlatform.Contracts;
using NewsPlatform.Platform.Messaging;

namespace NewsPlatform.Articles.Integration;

/// <summary>A translation went live: the article serves it with <c>?lang=</c> and lists it among its languages.</summary>
public sealed class TranslationPublishedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<TranslationPublishedConsumer> logger)
    : InboxConsumer<TranslationPublished>(sessions, logger)
{
    protected override async Task ApplyAsync(ConsumeContext<TranslationPublished> context, IDocumentSession session)
    {
        var m = context.Message;
        var stream = await session.Events.FetchForWriting<Article>(m.ArticleId, context.CancellationToken);
        if (stream.Aggregate is null) return;
        var lang = m.Lang.ToLowerInvariant();
        var current = stream.Aggregate.TranslationIn(lang);
        if (current is not null && current.SourceVersion > m.SourceVersion) return; // an older translation arrived late

        var slug = await SlugRegistry.ReserveAsync(session, m.Slug, m.ArticleId, context.CancellationToken, lang);
        stream.AppendOne(new TranslationAttached(m.ArticleId, lang, slug, m.Title, m.Summary, m.Body, m.SourceVersion, clock.GetUtcNow()));
    }
}

public sealed class TranslationUnpublishedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<TranslationUnpublishedConsumer> logger)
    : InboxConsumer<TranslationUnpublished>(sessions, logger)
{
    protected override async Task ApplyAsync(ConsumeContext<TranslationUnpublished> context, IDocumentSession session)
    {
        var m = context.Message;
        var stream = await session.Events.FetchForWriting<Article>(m.ArticleId, context.CancellationToken);
        if (stream.Aggregate?.TranslationIn(m.Lang) is null) return;
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
