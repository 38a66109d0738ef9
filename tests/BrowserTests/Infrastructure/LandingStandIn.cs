using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.BrowserTests.Infrastructure;

/// <summary>
/// An advertiser's web site on a local port (the machine has no internet): the landing URL of the seeded creatives,
/// so a click on an ad can be followed through the gateway's 302 to a page that really answers.
/// </summary>
public sealed class LandingStandIn : IAsyncDisposable
{
    private readonly WebApplication app;

    private LandingStandIn(WebApplication app, int port)
    {
        this.app = app;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUrl { get; }

    /// <summary>The landing URL of an advertiser's page named <paramref name="name"/>.</summary>
    public string Url(string name) => new Uri(BaseUrl, $"landing/{name}").ToString();

    public static async Task<LandingStandIn> StartAsync()
    {
        var port = TestEnvironment.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/landing/{name}", (string name) => Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Uri.EscapeDataString(name)}</title>"
            + "<link rel=\"icon\" href=\"data:,\"></head>"
            + $"<body><h1 id=\"landing\">Advertiser page {Uri.EscapeDataString(name)}</h1></body></html>",
            "text/html; charset=utf-8"));
        await app.StartAsync();
        return new LandingStandIn(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
