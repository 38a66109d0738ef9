using MassTransit;
using Microsoft.AspNetCore.OutputCaching;
using NewsPlatform.Contracts;

namespace NewsPlatform.Gateway.Caching;

/// <summary>
/// Evicts cached reader answers when the events that change them arrive, so readers see a publication, a
/// retraction or a new slug at once rather than when the cache entry expires. Eviction is idempotent, so
/// these consumers need no inbox.
/// </summary>
public sealed class CacheEvictionConsumers(IOutputCacheStore cache, ILogger<CacheEvictionConsumers> logger) :
    IConsumer<ArticlePublished>,
    IConsumer<ArticleRevised>,
    IConsumer<ArticleUnpublished>,
    IConsumer<ArticleRetracted>,
    IConsumer<ArticleSlugChanged>,
    IConsumer<TranslationPublished>,
    IConsumer<TranslationUnpublished>,
    IConsumer<CommentCountChanged>
{
    public Task Consume(ConsumeContext<ArticlePublished> context) => Evict(context, "articles");
    public Task Consume(ConsumeContext<ArticleRevised> context) => Evict(context, "articles");
    public Task Consume(ConsumeContext<ArticleUnpublished> context) => Evict(context, "articles", "comments");
    public Task Consume(ConsumeContext<ArticleRetracted> context) => Evict(context, "articles", "comments");
    public Task Consume(ConsumeContext<ArticleSlugChanged> context) => Evict(context, "articles");
    public Task Consume(ConsumeContext<TranslationPublished> context) => Evict(context, "articles", "localization");
    public Task Consume(ConsumeContext<TranslationUnpublished> context) => Evict(context, "articles", "localization");
    public Task Consume(ConsumeContext<CommentCountChanged> context) => Evict(context, "articles", "comments");

    private async Task Evict<T>(ConsumeContext<T> context, params string[] tags) where T : class
    {
        foreach (var tag in tags)
        {
            await cache.EvictByTagAsync(tag, context.CancellationToken);
        }

        logger.LogDebug("{Event} evicted cached answers tagged {Tags}", typeof(T).Name, tags);
    }
}
