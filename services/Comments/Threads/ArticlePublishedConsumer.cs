using Marten;
using MassTransit;
using NewsPlatform.Contracts;
using NewsPlatform.Platform.Messaging;

namespace NewsPlatform.Comments.Threads;

/// <summary>Opens the article's comment thread when the article is published.</summary>
public sealed class ArticlePublishedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<ArticlePublishedConsumer> logger)
    : InboxConsumer<ArticlePublished>(sessions, logger)
{
    protected override async Task ApplyAsync(ConsumeContext<ArticlePublished> context, IDocumentSession session)
    {
        var message = context.Message;
        var stream = await session.Events.FetchForWriting<CommentThread>(message.ArticleId, context.CancellationToken);
        var decision = ThreadDecider.Decide(stream.Aggregate,
            new OpenThread(message.ArticleId, message.Slug, message.Title, message.Version, clock.GetUtcNow()));
        stream.AppendMany(decision.Events);
    }
}
