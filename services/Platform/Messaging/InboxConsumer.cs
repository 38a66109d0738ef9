using Marten;
using JasperFx;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.Platform.Messaging;

/// <summary>
/// A consumer that applies a message at most once: its effect and the inbox row for the message id are
/// saved in one Marten transaction, so a redelivered or re-published message finds the row and changes nothing.
/// </summary>
public abstract class InboxConsumer<TMessage>(ISessionFactory sessions, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        try
        {
            await ConsumeOnceAsync(context);
        }
        catch (Exception failure) when (context.TryGetPayload<IServiceProvider>(out var services)
                                        && EventStore.StaleConnections.DropAfter(failure, services.GetService(typeof(Marten.IDocumentStore)) as Marten.IDocumentStore))
        {
            throw; // the pool is fresh for the retry that follows
        }
    }

    private async Task ConsumeOnceAsync(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        var inboxId = $"{GetType().Name}/{messageId:N}";

        await using var session = sessions.OpenSession();
        session.CausationId = messageId.ToString();
        if (await session.LoadAsync<ProcessedMessage>(inboxId, context.CancellationToken) is not null)
        {
            logger.LogDebug("{Message} {MessageId} already applied; ignored", typeof(TMessage).Name, messageId);
            return;
        }

        session.Insert(new ProcessedMessage(inboxId, typeof(TMessage).Name, DateTimeOffset.UtcNow));
        await ApplyAsync(context, session);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            // A concurrent delivery of the same message (another replica) committed first.
            logger.LogDebug("{Message} {MessageId} applied concurrently elsewhere; ignored", typeof(TMessage).Name, messageId);
        }
    }

    /// <summary>Queue the message's effect on <paramref name="session"/>; the base class commits it.</summary>
    protected abstract Task ApplyAsync(ConsumeContext<TMessage> context, IDocumentSession session);

    /// <summary>The source stream version the relay carried, for consumers that must tolerate reordering.</summary>
    protected static long? StreamVersionOf(ConsumeContext context) =>
        context.Headers.Get<long>(IntegrationEventRelay.StreamVersionHeader);
}
