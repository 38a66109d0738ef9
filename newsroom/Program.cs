using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;
using NewsPlatform.Platform.Telemetry;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    builder.WebHost.UseUrls("http://127.0.0.1:5107");
}

// A front end like the reader site: telemetry and health, no database; its data comes from the gateway's API only.
builder.AddPlatformTelemetry("newsroom");
builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live", "ready"]);
builder.Services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection(SiteOptions.Section));
builder.Services.AddOptions<NewsroomOptions>().Bind(builder.Configuration.GetSection(NewsroomOptions.Section));
var options = builder.Configuration.GetSection(NewsroomOptions.Section).Get<NewsroomOptions>() ?? new NewsroomOptions();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddHttpClient<NewsroomApi>(NewsroomApi.Name, (services, client) =>
    {
        var newsroom = services.GetRequiredService<IOptions<NewsroomOptions>>().Value;
        client.BaseAddress = new Uri(newsroom.GatewayUrl.ToString().TrimEnd('/') + "/");
        client.Timeout = newsroom.GatewayTimeout;
    })
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
builder.Services.AddHttpClient("export", (services, client) => client.Timeout = Timeout.InfiniteTimeSpan);
builder.Services.AddNewsroomAuth(options);
builder.Services.AddSingleton<SiteClock>();

builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    // The gateway (on loopback) says how the user reached the console, so sign-in redirects name the gateway's address.
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
    o.KnownProxies.Add(IPAddress.Loopback);
    o.KnownProxies.Add(IPAddress.IPv6Loopback);
});
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(
    o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AddPageRoute("/Stories/Edit", "stories/{id:guid}/edit");
});
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "np-newsroom-af";
    o.Cookie.Path = NewsroomOptions.PathBase;
    o.HeaderName = "RequestVerificationToken";
});

var app = builder.Build();
app.UseForwardedHeaders();
app.UsePathBase(NewsroomOptions.PathBase);
app.Use((context, next) =>
{
    // Staff pages carry drafts, e-mails and tokens' results: never cached, never framed.
    context.Response.Headers.CacheControl = "no-store";
    context.Response.Headers.XFrameOptions = "DENY";
    context.Response.Headers.XContentTypeOptions = "nosniff";
    context.Response.Headers["Referrer-Policy"] = "same-origin";
    return next(context);
});
app.UseExceptionHandler("/error");
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<SessionExpiry>();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live"), ResponseWriter = HealthReportWriter.WriteAsync })
    .AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync })
    .AllowAnonymous();
app.MapPost("/signout", (HttpContext http) =>
    // Both sessions end: the console's cookie and the identity service's, which then sends the user back here.
    Results.SignOut(new AuthenticationProperties { RedirectUri = $"{http.Request.PathBase}/signed-out" },
        [NewsroomAuth.CookieScheme, NewsroomAuth.OidcScheme]));
app.MapExport();
app.MapRazorPages();
app.Run();
