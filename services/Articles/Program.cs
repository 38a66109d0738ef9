using Ganss.Xss;
using JasperFx.Events.Projections;
using NewsPlatform.Articles;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("articles");
builder.AddPlatformEventStore("articles", options =>
    {
        options.Projections.Add<ArticleProjection>(ProjectionLifecycle.Inline);
    })
    .AddIntegrationEventRelay(builder.Services, map => map
        .Map<ArticlePublished>(e => new NewsPlatform.Contracts.ArticlePublished(e.Data.ArticleId, e.Data.Slug, e.Data.Title,
            e.Data.Summary, e.Data.Section, e.Data.Tags, e.Data.Language, e.Data.PublishedAt, e.Version, e.Data.NoAds)));
builder.AddPlatformMessaging("articles");
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new HtmlSanitizer());

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapArticleEndpoints();
app.Run();
