using Ganss.Xss;
using JasperFx.Events.Projections;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising;
using NewsPlatform.Advertising.Advertisers;
using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Decisions;
using NewsPlatform.Advertising.Delivery;
using NewsPlatform.Advertising.PageContexts;
using NewsPlatform.Platform;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Messaging;
using NewsPlatform.Platform.Site;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("advertising");
builder.AddPlatformEventStore("advertising", options =>
{
    options.Projections.Add<AdvertiserProjection>(ProjectionLifecycle.Inline);
    options.Projections.Add<CampaignProjection>(ProjectionLifecycle.Inline);
    options.Projections.Add<DeliveryProjection>(ProjectionLifecycle.Inline);
    options.Projections.Add<HourlyRollupProjection>(ProjectionLifecycle.Inline);
    options.Projections.Add<PageContextProjection>(ProjectionLifecycle.Inline);
    options.Schema.For<Campaign>().Duplicate(c => c.AdvertiserId).Duplicate(c => c.Status).Index(c => c.CreatedAt);
    options.Schema.For<HourlyRollup>().Duplicate(r => r.CampaignId).Duplicate(r => r.HourStart);
    options.Schema.For<SpentToken>().Index(t => t.At);
});
builder.AddPlatformMessaging("advertising", bus => bus.AddConsumer<PageContextConsumers>());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new HtmlSanitizer());
builder.Services.AddOptions<AdvertisingOptions>().Bind(builder.Configuration.GetSection(AdvertisingOptions.Section))
    .ValidateOnStart();
// Whoever knows the ad-token key can forge impressions and clicks: missing, short or committed keys stop the start-up.
builder.Services.AddSingleton<IValidateOptions<AdvertisingOptions>, AdTokenKeyValidation>();
builder.Services.AddOptions<SiteOptions>()
    .Validate(o => SiteTime.IsKnownZone(o.TimeZone), "Site:TimeZone must be a time zone of the tz database, such as Indian/Mauritius.")
    .ValidateOnStart();
builder.Services.AddSingleton<AdTokens>();
builder.Services.AddSingleton<CampaignCache>();
builder.Services.AddHostedService(services => services.GetRequiredService<CampaignCache>());
builder.Services.AddHostedService<CampaignEndSweeper>();
builder.Services.AddSingleton<SpentTokenPruner>();
builder.Services.AddHostedService(services => services.GetRequiredService<SpentTokenPruner>());

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAdvertisingEndpoints();
app.Run();
