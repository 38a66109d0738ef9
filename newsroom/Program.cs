using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;
using NewsPlatform.Platform;
using NewsPlatform.Platform.Site;

var builder = WebApplication.CreateBuilder(args);
// A front end like the reader site: telemetry and health, no database; its data comes from the gateway's API only.
builder.AddFrontEndDefaults("newsroom", defaultPort: 5107, trustedProxiesSetting: "Newsroom:TrustedProxies");
builder.Services.AddOptions<NewsroomOptions>().Bind(builder.Configuration.GetSection(NewsroomOptions.Section));
var options = builder.Configuration.GetSection(NewsroomOptions.Section).Get<NewsroomOptions>() ?? new NewsroomOptions();
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

app.MapFrontEndHealth();
app.MapPost("/signout", (HttpContext http) =>
    // Both sessions end: the console's cookie and the identity service's, which then sends the user back here.
    Results.SignOut(new AuthenticationProperties { RedirectUri = $"{http.Request.PathBase}/signed-out" },
        [NewsroomAuth.CookieScheme, NewsroomAuth.OidcScheme]));
app.MapExport();
app.MapRazorPages();
app.Run();
