using Microsoft.Extensions.Options;
using NewsPlatform.Platform;
using NewsPlatform.Web.Gateway;
using NewsPlatform.Web.Site;

var builder = WebApplication.CreateBuilder(args);
// The site is a front end: telemetry and health like every process, but no auth, no database, no JSON problems.
builder.AddFrontEndDefaults("web", defaultPort: 5105, trustedProxiesSetting: "Web:TrustedProxies");
builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section));
builder.Services.AddSingleton<SiteContext>();
builder.Services.AddSingleton<PageTemplates>();
builder.Services.AddHttpClient<GatewayClient>(GatewayClient.Name, (services, client) =>
    {
        var web = services.GetRequiredService<IOptions<WebOptions>>().Value;
        client.BaseAddress = new Uri(web.GatewayUrl.ToString().TrimEnd('/') + "/");
        client.Timeout = web.GatewayTimeout;
    })
    .ConfigurePrimaryHttpMessageHandler(services => GatewayClient.CreateHandler(services.GetRequiredService<IOptions<WebOptions>>().Value))
    .SetHandlerLifetime(Timeout.InfiniteTimeSpan) // the handler's own PooledConnectionLifetime recycles connections
    .RemoveAllLoggers(); // a page view is one call: traces follow it, four log lines a call would only cost

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

app.MapFrontEndHealth();
app.MapSiteEndpoints();
app.MapRazorPages();
app.Run();
