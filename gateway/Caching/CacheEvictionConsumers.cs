using MassTransit;
using Microsoft.AspNetCore.OutputCaching;
using NewsPlatform.Contracts;

namespace NewsPlatform.Gateway.Caching;

/// <summary>
/// Evicts cached reader answers when the service that serves them has committed a change (docs/decisions/0010).
/// Each service publishes its events from its event store after the commit that also updated its inline read model,
/// so an eviction on the owner's own event is final: nothing older can be read, nor stored
/// (<see cref="FreshnessGuardedStore"/>). Another service's event announces a change the owner has still to apply
/// (TranslationPublished, CommentCountChanged for the articles service): it evicts at once and holds the owner's
/// tag until the owner confirms (<see cref="ArticleChanged"/> and the other article events) or the hold runs out.
/// Eviction is idempotent and order does not matter, so these consumers need no inbox.
/// </summary>
public sealed class CacheEvictionConsumers(IOutputCacheStore cache, ReaderCacheFreshness freshness, ILogger<CacheEvictionConsumers> logger) :
    IConsumer<ArticlePublished>,
    IConsumer<ArticleRevised>,
    IConsumer<ArticleUnpublished>,
    IConsumer<ArticleRetracted>,
    IConsumer<ArticleSlugChanged>,
    IConsumer<ArticleChanged>,
    IConsumer<TranslationPublished>,
    IConsumer<TranslationUnpublished>,
    IConsumer<CommentCountChanged>,
    IConsumer<CatalogChanged>
{
    public const string Articles = "articles";
    public const string Comments = "comments";
    public const string Localization = "localization";

    // The articles service's own events: its read model has the change.
    public Task Consume(ConsumeContext<ArticlePublished> context) => Committed(context, context.Message.ArticleId, Articles);
    public Task Consume(ConsumeContext<ArticleRevised> context) => Committed(context, context.Message.ArticleId, Articles);
    public Task Consume(ConsumeContext<ArticleUnpublished> context) => Committed(context, context.Message.ArticleId, Articles, Comments);
    public Task Consume(ConsumeContext<ArticleRetracted> context) => Committed(context, context.Message.ArticleId, Articles, Comments);
    public Task Consume(ConsumeContext<ArticleSlugChanged> context) => Committed(context, context.Message.ArticleId, Articles);
    public Task Consume(ConsumeContext<ArticleChanged> context) => Committed(context, context.Message.ArticleId, Articles);

    // Localization's: the articles service has still to attach or detach the translation it serves.
    public Task Consume(ConsumeContext<TranslationPublished> context) => Announced(context, context.Message.ArticleId, Articles);
    public Task Consume(ConsumeContext<TranslationUnpublished> context) => Announced(context, context.Message.ArticleId, Articles);

    // The comments service's: its threads have the change (the thread projection is inline and the count follows it),
    // while the articles service has still to store the count it shows on lists.
    public async Task Consume(ConsumeContext<CommentCountChanged> context)
    {
        await Committed(context, null, Comments);
        await Announced(context, context.Message.ArticleId, Articles);
    }

    // Localization's own catalogs: the strings and terms of the page parts.
    public Task Consume(ConsumeContext<CatalogChanged> context) => Committed(context, null, Localization);

    private async Task Committed<T>(ConsumeContext<T> context, Guid? articleId, params string[] tags) where T : class
    {
        foreach (var tag in tags) await cache.EvictByTagAsync(tag, context.CancellationToken);
        // After the eviction: from here on the owner serves the change, so its answers may be stored again.
        if (articleId is { } id) freshness.Confirmed(Articles, id);
        logger.LogDebug("{Event} evicted cached answers tagged {Tags}", typeof(T).Name, tags);
    }

    private async Task Announced<T>(ConsumeContext<T> context, Guid articleId, string tag) where T : class
    {
        // Before the eviction: no answer read from here until the owner confirms may be stored.
        freshness.Awaiting(tag, articleId);
        await cache.EvictByTagAsync(tag, context.CancellationToken);
        logger.LogDebug("{Event} evicted cached answers tagged {Tag} until its owner applies it", typeof(T).Name, tag);
    }
}
