using Ganss.Xss;
using JasperFx.Events.Projections;
using NewsPlatform.Articles;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Integration;
using NewsPlatform.Articles.Publishing;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Articles.Searching;
using NewsPlatform.Articles.Permalinks;
using NewsPlatform.Platform;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Messaging;
using Contracts = NewsPlatform.Contracts;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("articles");
builder.AddPlatformEventStore("articles", options =>
    {
        options.Projections.Add<ArticleProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<NewsPlatform.Articles.Feeds.SitemapProjection>(ProjectionLifecycle.Inline);
        // The search rows are the article projection's side effect, written in the article's own transaction.
        options.Events.EnableSideEffectsOnInlineProjections = true;
        options.Schema.For<Article>()
            .Index(a => a.PublishedAt)
            .Duplicate(a => a.Status);
        options.Schema.For<ArticleSlug>();
        options.Schema.For<ArticleCommentCount>();
        options.TrackReadModelVersion(); // the gateway's cache keys (docs/decisions/0024)
    })
    .AddIntegrationEventRelay(builder.Services, map => map
        .Map<ArticlePublished>(e => new Contracts.ArticlePublished(e.Data.ArticleId, e.Data.Slug, e.Data.Title,
            e.Data.Summary, e.Data.Section, e.Data.Tags, e.Data.Language, e.Data.PublishedAt, e.Version, e.Data.NoAds))
        .Map<ArticleRevised>(e => new Contracts.ArticleRevised(e.Data.ArticleId, e.Version, e.Data.ChangedFields,
            e.Data.Section, e.Data.Tags, e.Data.NoAds))
        .Map<ArticleUnpublished>(e => new Contracts.ArticleUnpublished(e.Data.ArticleId, e.Data.Reason, e.Version))
        .Map<ArticleRetracted>(e => new Contracts.ArticleRetracted(e.Data.ArticleId, e.Data.Reason, e.Version))
        .Map<ArticleSlugChanged>(e => new Contracts.ArticleSlugChanged(e.Data.ArticleId, e.Data.OldSlug, e.Data.NewSlug, e.Version)));
// Before the bus and the scheduler: nothing may write an article before the search table exists.
builder.Services.AddSingleton<SearchDatabase>();
builder.AddSchemaPart<SearchSchema>();
builder.AddPlatformMessaging("articles", bus =>
{
    bus.AddConsumer<TranslationPublishedConsumer>();
    bus.AddConsumer<TranslationUnpublishedConsumer>();
    bus.AddConsumer<CommentCountChangedConsumer>();
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new HtmlSanitizer());
builder.Services.AddHostedService<ScheduledPublisher>();

var app = builder.Build();
if (await app.ApplyAndExitAsync()) return; // the schema owner's run (Database:SchemaChanges=ApplyAndExit)
app.MapDefaultEndpoints();
app.MapReadModelVersion();
app.MapArticleEndpoints();
app.Run();
