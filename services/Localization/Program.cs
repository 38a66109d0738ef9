using Ganss.Xss;
using JasperFx.Events.Projections;
using NewsPlatform.Localization;
using NewsPlatform.Localization.Strings;
using NewsPlatform.Localization.Tasks;
using NewsPlatform.Localization.Terms;
using NewsPlatform.Localization.Translations;
using NewsPlatform.Platform;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Messaging;
using Contracts = NewsPlatform.Contracts;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("localization");
builder.AddPlatformEventStore("localization", options =>
    {
        options.Projections.Add<TranslationGroupProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<TranslationTaskProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<TranslationSlugProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<StringCatalogProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<TermProjection>(ProjectionLifecycle.Inline);
        // The task list and the status report filter on these.
        options.Schema.For<TranslationTask>()
            .Duplicate(t => t.Lang)
            .Duplicate(t => t.Status)
            .Duplicate(t => t.SourceLive)
            .Index(t => t.SourcePublishedAt);
        options.TrackReadModelVersion(); // the gateway's cache keys (docs/decisions/0024)
    })
    .AddIntegrationEventRelay(builder.Services, map => map
        .Map<TranslationApproved>(e => new Contracts.TranslationPublished(e.Data.ArticleId, e.Data.Lang, e.Data.Slug, e.Data.Title,
            e.Data.Summary, e.Data.Body, e.Data.SourceVersion))
        .Map<TranslationUnpublished>(e => new Contracts.TranslationUnpublished(e.Data.ArticleId, e.Data.Lang)));
builder.AddPlatformMessaging("localization", bus =>
{
    bus.AddConsumer<ArticlePublishedConsumer>();
    bus.AddConsumer<ArticleRevisedConsumer>();
    bus.AddConsumer<ArticleSlugChangedConsumer>();
    bus.AddConsumer<ArticleUnpublishedConsumer>();
    bus.AddConsumer<ArticleRetractedConsumer>();
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new HtmlSanitizer());
builder.Services.AddSingleton<CatalogSeeder>();
builder.Services.AddHostedService(services => services.GetRequiredService<CatalogSeeder>());
// Not ready before the shipped strings and section terms are in: a front end would get a page without labels.
builder.Services.AddHealthChecks().AddCheck<CatalogSeeder>("catalogs-seeded", tags: ["ready"]);

var app = builder.Build();
if (await app.ApplyAndExitAsync()) return; // the schema owner's run (Database:SchemaChanges=ApplyAndExit)
app.MapDefaultEndpoints();
app.MapReadModelVersion();
app.MapLocalizationEndpoints();
app.Run();
