using System.Net;
using JasperFx.Events.Projections;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising;
using NewsPlatform.Advertising.Advertisers;
using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Creatives;
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
    options.Schema.For<ImpressionFromAddress>().Index(p => p.At);
});
builder.AddPlatformMessaging("advertising", bus => bus.AddConsumer<PageContextConsumers>());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(CreativeSanitizer.Create()); // an explicit allow-list, not the library's defaults
builder.Services.AddOptions<AdvertisingOptions>().Bind(builder.Configuration.GetSection(AdvertisingOptions.Section))
    .Validate(o => o.Ledger.ImpressionsPerIpPerCampaignPerMinute is >= 0 and <= 1000,
        "Advertising:Ledger:ImpressionsPerIpPerCampaignPerMinute is 0 (no limit) to 1000.")
    .ValidateOnStart();
// Whoever knows the ad-token key can forge impressions and clicks: missing, short or committed keys stop the start-up.
builder.Services.AddSingleton<IValidateOptions<AdvertisingOptions>, AdTokenKeyValidation>();
builder.Services.AddOptions<SiteOptions>()
    .Validate(o => SiteTime.IsKnownZone(o.TimeZone), "Site:TimeZone must be a time zone of the tz database, such as Indian/Mauritius.")
    .ValidateOnStart();
builder.Services.AddSingleton<AdTokens>();
builder.Services.AddSingleton<DeliveryLedger>();
builder.Services.AddSingleton<CampaignCache>();
builder.Services.AddHostedService(services => services.GetRequiredService<CampaignCache>());
builder.Services.AddSingleton<PageContextCache>();
builder.Services.AddHostedService(services => services.GetRequiredService<PageContextCache>());
builder.Services.AddHostedService<CampaignEndSweeper>();
builder.Services.AddSingleton<SpentTokenPruner>();
builder.Services.AddHostedService(services => services.GetRequiredService<SpentTokenPruner>());

// The client's IP, which the ledger limits impressions by, is the one the gateway saw: X-Forwarded-For is believed
// only from the gateway (loopback unless Advertising:TrustedProxies says otherwise), and only its last hop, which
// the gateway itself wrote.
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
    options.ForwardLimit = 1;
    options.KnownProxies.Clear();
    options.KnownIPNetworks.Clear();
    foreach (var proxy in builder.Configuration.GetSection("Advertising:TrustedProxies").Get<string[]>() ?? ["127.0.0.1", "::1"])
    {
        options.KnownProxies.Add(IPAddress.Parse(proxy));
    }
});

var app = builder.Build();
if (await app.ApplyAndExitAsync()) return; // the schema owner's run (Database:SchemaChanges=ApplyAndExit)
app.UseForwardedHeaders();
app.MapDefaultEndpoints();
app.MapAdvertisingEndpoints();
app.Run();
