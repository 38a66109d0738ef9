using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;
using NewsPlatform.Platform.Telemetry;
using NewsPlatform.Web.Gateway;
using NewsPlatform.Web.Site;

var builder = WebApplication.CreateBuilder(args);
// F5 gets 5105 from launchSettings.json; a plain `dotnet NewsPlatform.Web.dll` gets it here, unless told otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    builder.WebHost.UseUrls("http://127.0.0.1:5105");
}

// The site is a front end: telemetry and health like every process, but no auth, no database, no JSON problems —
// so not the services' AddServiceDefaults, whose auth needs a signing key and whose errors are JSON.
builder.AddPlatformTelemetry("web");
builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live", "ready"]);
builder.Services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection(SiteOptions.Section));
builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SiteContext>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddHttpClient<GatewayClient>(GatewayClient.Name, (services, client) =>
    {
        var web = services.GetRequiredService<IOptions<WebOptions>>().Value;
        client.BaseAddress = new Uri(web.GatewayUrl.ToString().TrimEnd('/') + "/");
        client.Timeout = web.GatewayTimeout;
    })
    .ConfigurePrimaryHttpMessageHandler(services => GatewayClient.CreateHandler(services.GetRequiredService<IOptions<WebOptions>>().Value))
    .SetHandlerLifetime(Timeout.InfiniteTimeSpan) // the handler's own PooledConnectionLifetime recycles connections
    .RemoveAllLoggers(); // a page view is one call: traces follow it, four log lines a call would only cost

builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    // The gateway (on loopback) says who the reader is and how they reached the site; nobody else may.
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
    options.KnownProxies.Add(IPAddress.Loopback);
    options.KnownProxies.Add(IPAddress.IPv6Loopback);
    foreach (var proxy in builder.Configuration.GetSection("Web:TrustedProxies").Get<string[]>() ?? [])
    {
        if (System.Net.IPNetwork.TryParse(proxy, out var network)) options.KnownIPNetworks.Add(network);
        else if (IPAddress.TryParse(proxy, out var address)) options.KnownProxies.Add(address);
    }
});

// Pages are in French as well as English: letters of every script are written as they are, not as &#xE9; entities.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(
    o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AddPageRoute("/Front", "{lang}/section/{section}");
    options.Conventions.AddPageRoute("/Front", "{lang}/tag/{tag}");
    options.Conventions.AddPageRoute("/Article", "{lang}/{slug}/comments");
    // The newsroom's preview of any story, drafts included, for a caller whose token may read it (docs/decisions/0015).
    options.Conventions.AddPageRoute("/Article", "preview/{id:guid}");
});
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "np-af";
    options.FormFieldName = "__RequestVerificationToken";
    options.HeaderName = "RequestVerificationToken";
    // Pages are sent private, no-store anyway (see SiteHeaders); the site allows no framing either way.
    options.SuppressXFrameOptionsHeader = false;
});
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueLengthLimit = SiteHeaders.MaxFormBytes);

var app = builder.Build();
app.UseForwardedHeaders();
app.UseSiteHeaders();
app.UseExceptionHandler("/error/500");
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseFormSizeLimit();
app.UseSiteStaticFiles();
app.UseRouting();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live"), ResponseWriter = HealthReportWriter.WriteAsync });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync });
app.MapSiteEndpoints();
app.MapRazorPages();
app.Run();
