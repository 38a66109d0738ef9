using Marten;
using MassTransit;
using NewsPlatform.Contracts;
using NewsPlatform.Platform.Messaging;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Comments.Threads;

/// <summary>
/// Opens the article's comment thread when the article is published. The slug and title it keeps are shown to
/// moderators again, so the message is held to the articles' own bounds first (issue 12: trust no message).
/// </summary>
public sealed class ArticlePublishedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<ArticlePublishedConsumer> logger)
    : InboxConsumer<ArticlePublished>(sessions, logger)
{
    private readonly ILogger refusals = logger; // the base keeps its own copy: this one is for refused messages

    protected override async Task ApplyAsync(ConsumeContext<ArticlePublished> context, IDocumentSession session)
    {
        var message = context.Message;
        if (Refusal(message) is { } reason)
        {
            refusals.LogWarning("ArticlePublished {MessageId} for {ArticleId} refused: {Reason}", context.MessageId, message.ArticleId, reason);
            return;
        }

        var stream = await session.Events.FetchForWriting<CommentThread>(message.ArticleId, context.CancellationToken);
        var decision = ThreadDecider.Decide(stream.Aggregate,
            new OpenThread(message.ArticleId, Slugs.From(message.Slug), message.Title.Trim(), message.Version, clock.GetUtcNow()));
        stream.AppendMany(decision.Events);
    }

    public const int MaxTitle = 200;

    public static string? Refusal(ArticlePublished m) =>
        m.ArticleId == Guid.Empty ? "no article id"
        : string.IsNullOrWhiteSpace(m.Title) || m.Title.Trim().Length > MaxTitle ? $"title is empty or over {MaxTitle} characters"
        : string.IsNullOrWhiteSpace(m.Slug) || m.Slug.Length > Slugs.MaxLength * 2 ? "slug is empty or too long"
        : m.Version < 0 ? "negative version"
        : null;
}
