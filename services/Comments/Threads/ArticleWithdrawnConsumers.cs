using Marten;
using MassTransit;
using NewsPlatform.Contracts;
using NewsPlatform.Platform.Messaging;

namespace NewsPlatform.Comments.Threads;

/// <summary>The article was unpublished: its thread closes and its comments leave public reads.</summary>
public sealed class ArticleUnpublishedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<ArticleUnpublishedConsumer> logger)
    : InboxConsumer<ArticleUnpublished>(sessions, logger)
{
    protected override Task ApplyAsync(ConsumeContext<ArticleUnpublished> context, IDocumentSession session) =>
        ThreadClosing.CloseAsync(session, context.Message.ArticleId, "article unpublished", context.Message.Version, clock, context.CancellationToken);
}

/// <summary>The article was retracted: the same as unpublished, for good.</summary>
public sealed class ArticleRetractedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<ArticleRetractedConsumer> logger)
    : InboxConsumer<ArticleRetracted>(sessions, logger)
{
    protected override Task ApplyAsync(ConsumeContext<ArticleRetracted> context, IDocumentSession session) =>
        ThreadClosing.CloseAsync(session, context.Message.ArticleId, "article retracted", context.Message.Version, clock, context.CancellationToken);
}

internal static class ThreadClosing
{
    public static async Task CloseAsync(IDocumentSession session, Guid articleId, string reason, long version, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<CommentThread>(articleId, ct);
        var decision = ThreadDecider.Decide(stream.Aggregate, new CloseThread(articleId, reason, version, clock.GetUtcNow()));
        stream.AppendMany(decision.Events);
    }
}
