using NewsPlatform.Gateway.Caching;
using NewsPlatform.Gateway.FrontEnds;
using NewsPlatform.Gateway.Pages;
using NewsPlatform.Gateway.RateLimiting;
using NewsPlatform.Gateway.Security;
using NewsPlatform.Gateway.Weather;
using NewsPlatform.Platform;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.Services.AddGatewaySecurity(); // headers on every answer; proxied routes public at the door, the services decide
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
// Fresh reads (docs/decisions/0024): every entry, reader answer or page part, is keyed by its services' read-model versions.
// The client is resolved per call: the proxy it reads its destinations from is built after the cache's policies.
builder.Services.AddSingleton(provider => new ReadModelVersions((service, ct) =>
    provider.GetRequiredService<ServiceClient>().ReadModelVersionAsync(service, ct),
    builder.Configuration.GetValue("Gateway:ReadModelVersionInterval", TimeSpan.FromMilliseconds(5))));
builder.Services.AddSingleton<ReaderRequests>();
builder.Services.AddOutputCache();
builder.Services.AddOptions<OutputCacheOptions>().Configure<ReadModelVersions, ReaderRequests>((options, versions, readers) => options.AddPolicy(
    ReaderCachePolicy.Name, new ReaderCachePolicy(builder.Configuration.GetValue("Gateway:ReaderCacheDuration", TimeSpan.FromSeconds(30)), versions, readers)));
builder.Services.AddTrustedFrontEnds(builder.Configuration);
builder.Services.AddClientRateLimits(builder.Configuration);
builder.Services.AddOptions<PageOptions>().Bind(builder.Configuration.GetSection("Gateway:Pages"));
// A page part answers as its service did: an old slug's 301 reaches the page instead of being followed here.
builder.Services.AddHttpClient(ServiceClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(3))
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
    .RemoveAllLoggers(); // every page view makes a call: traces follow it, ServiceClient logs its failures
// The site as it was folds a history on request (docs/decisions/0020): more than a page part's 3 s on a long one.
builder.Services.AddHttpClient(ServiceClient.HistoryClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
builder.Services.AddSingleton<ServiceClient>();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SharedPageParts>();
builder.Services.AddWeather(builder.Configuration);

var app = builder.Build();
app.UseTrustedFrontEnds(); // first: everything after it sees the reader's address
app.MapDefaultEndpoints();
app.UseRateLimiter(); // after authentication: a validated token's subject spends its own budget
app.UseOutputCache();
app.MapPageEndpoints();
app.MapGet("/api/weather", WeatherEndpoint.Get).AllowAnonymous();
app.MapGatewayPrefixGuards();
var readers = app.Services.GetRequiredService<ReaderRequests>();
app.MapReverseProxy(proxy =>
{
    proxy.Use(readers.PassToSiteAsync); // the site's calls back for a reader's request say when it began (docs/decisions/0025)
    proxy.UseWholeRequestBodies();
    // The steps MapReverseProxy() runs by default, which a custom pipeline must name.
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.Run();
