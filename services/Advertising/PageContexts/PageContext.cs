using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using MassTransit;
using NewsPlatform.Contracts;
using NewsPlatform.Platform.Messaging;

namespace NewsPlatform.Advertising.PageContexts;

// What the ad server knows of an article page, one stream per article (stream id = article id), from the
// articles and localization events: its section, tags, languages, whether it is live, and whether it must
// carry no advertising. Article events carry their stream version; an older one than the last applied is ignored.

/// <summary>A story's page can carry ads targeted by its section, tags and language (from `ArticlePublished`).</summary>
public sealed record PageContextPublished(Guid ArticleId, string Section, IReadOnlyList<string> Tags, string Language, bool NoAds, long SourceVersion);

/// <summary>A story's section, tags or no-ads flag changed, so its ad targeting did.</summary>
public sealed record PageContextRevised(Guid ArticleId, string Section, IReadOnlyList<string> Tags, bool NoAds, long SourceVersion);

/// <summary>A story left the site, so its page serves no more ads.</summary>
public sealed record PageContextWithdrawn(Guid ArticleId, long SourceVersion);

/// <summary>A story gained a translation, so its page can serve ads targeted at that language.</summary>
public sealed record PageLanguageAdded(Guid ArticleId, string Lang);

public sealed record PageContext(Guid Id, string Section, IReadOnlyList<string> Tags, IReadOnlyList<string> Languages, bool NoAds, bool Live,
    long SourceVersion)
{
    public static PageContext? Transition(PageContext? state, object @event) => (state, @event) switch
    {
        (_, PageContextPublished e) => new PageContext(e.ArticleId, e.Section, e.Tags,
            [e.Language, .. (state?.Languages ?? []).Where(l => l != e.Language)], e.NoAds, true, e.SourceVersion),
        (null, _) => null,
        (_, PageContextRevised e) => state with { Section = e.Section, Tags = e.Tags, NoAds = e.NoAds, SourceVersion = e.SourceVersion },
        (_, PageContextWithdrawn e) => state with { Live = false, SourceVersion = e.SourceVersion },
        (_, PageLanguageAdded e) when !state.Languages.Contains(e.Lang) => state with { Languages = [.. state.Languages, e.Lang] },
        _ => state,
    };

    /// <summary>Whether an article event of <paramref name="version"/> is newer than what this page already knows.</summary>
    public static bool IsNewer(PageContext? state, long version) => state is null || version > state.SourceVersion;
}

public sealed class PageContextProjection : SingleStreamProjection<PageContext, Guid>
{
    public override PageContext? Evolve(PageContext? snapshot, Guid id, IEvent e) => PageContext.Transition(snapshot, e.Data);
}

public sealed class PageContextConsumers(ISessionFactory sessions, PageContextCache cache, ILogger<PageContextConsumers> logger) :
    IConsumer<ArticlePublished>, IConsumer<ArticleRevised>, IConsumer<ArticleUnpublished>, IConsumer<ArticleRetracted>, IConsumer<TranslationPublished>
{
    public Task Consume(ConsumeContext<ArticlePublished> context) => Apply(context, context.Message.ArticleId, context.Message.Version,
        m => new PageContextPublished(m.ArticleId, m.Section, m.Tags, m.Language, m.NoAds, m.Version));

    public Task Consume(ConsumeContext<ArticleRevised> context) => Apply(context, context.Message.ArticleId, context.Message.Version,
        m => new PageContextRevised(m.ArticleId, m.Section, m.Tags, m.NoAds, m.Version));

    public Task Consume(ConsumeContext<ArticleUnpublished> context) => Apply(context, context.Message.ArticleId, context.Message.Version,
        m => new PageContextWithdrawn(m.ArticleId, m.Version));

    public Task Consume(ConsumeContext<ArticleRetracted> context) => Apply(context, context.Message.ArticleId, context.Message.Version,
        m => new PageContextWithdrawn(m.ArticleId, m.Version));

    // A translation carries no article version; adding a language twice changes nothing.
    public Task Consume(ConsumeContext<TranslationPublished> context) => Apply(context, context.Message.ArticleId, null,
        m => new PageLanguageAdded(m.ArticleId, m.Lang));

    private async Task Apply<T>(ConsumeContext<T> context, Guid articleId, long? version, Func<T, object> toEvent) where T : class
    {
        await new PageInbox<T>(sessions, logger, articleId, version, toEvent).Consume(context);
        cache.Forget(articleId); // committed: this replica's next decision for the article reads it again
    }

    /// <summary>One message applied once (the inbox), in order of the article's versions.</summary>
    private sealed class PageInbox<T>(ISessionFactory sessions, ILogger logger, Guid articleId, long? version, Func<T, object> toEvent)
        : InboxConsumer<T>(sessions, logger) where T : class
    {
        protected override async Task ApplyAsync(ConsumeContext<T> context, IDocumentSession session)
        {
            var stream = await session.Events.FetchForWriting<PageContext>(articleId, context.CancellationToken);
            if (version is { } v && !PageContext.IsNewer(stream.Aggregate, v)) return;
            if (version is null && stream.Aggregate is null) return; // a translation of a page we have not heard of yet
            stream.AppendOne(toEvent(context.Message));
        }
    }
}
