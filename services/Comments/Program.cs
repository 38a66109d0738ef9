using System.Net;
using JasperFx.Events.Projections;
using Microsoft.AspNetCore.HttpOverrides;
using NewsPlatform.Comments;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Comments.Posting;
using NewsPlatform.Comments.Privacy;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Messaging;
using Contracts = NewsPlatform.Contracts;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("comments");
builder.AddPlatformEventStore("comments", options =>
    {
        options.Projections.Add<CommentThreadProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<CommentProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<EmailBanProjection>(ProjectionLifecycle.Inline);
        options.TrackReadModelVersion(); // the gateway's cache keys (docs/decisions/0024)
        // The thread read and the rate limits query these; a 5,000-comment thread stays an index scan.
        options.Schema.For<Comment>()
            .Duplicate(c => c.ArticleId)
            .Duplicate(c => c.RootId)
            .Duplicate(c => c.AuthorEmail)
            .Duplicate(c => c.Ip)
            .Duplicate(c => c.Status)
            .Index(c => c.CreatedAt);
        // How an erasure rewrites the stored events in place (docs/decisions/0007): Advanced.ApplyEventDataMasking.
        options.Events.AddMaskingRuleForProtectedInformation<CommentPosted>(PersonalData.Erase);
        options.Events.AddMaskingRuleForProtectedInformation<CommentFlagged>(PersonalData.Erase);
        options.Events.AddMaskingRuleForProtectedInformation<EmailBanned>(PersonalData.Erase);
        options.Events.AddMaskingRuleForProtectedInformation<EmailUnbanned>(PersonalData.Erase);
    })
    .AddIntegrationEventRelay(builder.Services, map => map
        .Map<ApprovedCountChanged>(e => new Contracts.CommentCountChanged(e.Data.ArticleId, e.Data.ApprovedCount)))
    .AddSubscriptionWithServices<ApprovedCountKeeper>(ServiceLifetime.Singleton, subscription =>
    {
        subscription.Name = ApprovedCountKeeper.SubscriptionName;
        foreach (var type in ApprovedCountKeeper.CommentEvents) subscription.IncludeType(type);
    });
builder.AddPlatformMessaging("comments", bus =>
{
    bus.AddConsumer<ArticlePublishedConsumer>();
    bus.AddConsumer<ArticleUnpublishedConsumer>();
    bus.AddConsumer<ArticleRetractedConsumer>();
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<ModerationRules>().Bind(builder.Configuration.GetSection("Comments:Moderation"));
builder.Services.AddOptions<CommentRateLimits>().Bind(builder.Configuration.GetSection("Comments:RateLimits"))
    .Validate(o => o.SecondsBetweenCommentsPerEmail >= 0 && o.CommentsPerMinutePerIp >= 0,
        "Comments:RateLimits:SecondsBetweenCommentsPerEmail and CommentsPerMinutePerIp are 0 or more (CommentsPerMinutePerIp 0: no per-address limit).")
    .ValidateOnStart();

// Personal data: IPs kept at most Comments:Privacy:IpRetention, and never a name, e-mail, website or IP in an export.
builder.Services.AddOptions<PrivacyOptions>().Bind(builder.Configuration.GetSection(PrivacyOptions.Section))
    .Validate(o => o.IpRetention > TimeSpan.Zero, "Comments:Privacy:IpRetention must be positive.")
    .Validate(o => o.IpMaskingInterval > TimeSpan.Zero, "Comments:Privacy:IpMaskingInterval must be positive.")
    .ValidateOnStart();
builder.Services.AddSingleton<IpRetention>();
builder.Services.AddHostedService(services => services.GetRequiredService<IpRetention>());
builder.Services.AddEventExportMasking(masks => masks
    .Mask<CommentPosted>(PersonalData.ForExport)
    .Mask<CommentFlagged>(PersonalData.ForExport)
    .Mask<EmailBanned>(PersonalData.ForExport)
    .Mask<EmailUnbanned>(PersonalData.ForExport));

// The client's IP is the one the gateway saw: X-Forwarded-For is believed only from the gateway (loopback
// unless Comments:TrustedProxies says otherwise), and only its last hop, which the gateway itself appended.
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
    options.ForwardLimit = 1;
    options.KnownProxies.Clear();
    options.KnownIPNetworks.Clear();
    foreach (var proxy in builder.Configuration.GetSection("Comments:TrustedProxies").Get<string[]>() ?? ["127.0.0.1", "::1"])
    {
        options.KnownProxies.Add(IPAddress.Parse(proxy));
    }
});

var app = builder.Build();
if (await app.ApplyAndExitAsync()) return; // the schema owner's run (Database:SchemaChanges=ApplyAndExit)
app.UseForwardedHeaders();
app.MapDefaultEndpoints();
app.MapReadModelVersion();
app.MapCommentEndpoints();
app.Run();
