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

    /// <summary>The URL of a picture on this site.</summary>
    public string ImageUrl(string name) => new Uri(BaseUrl, $"images/{name}.svg").ToString();

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
        // A picture on the advertiser's site too: the seed story's image when the site ships no demo picture.
        app.MapGet("/images/{name}.svg", (string name) => Results.Content(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"675\" viewBox=\"0 0 1200 675\">"
            + "<rect width=\"1200\" height=\"675\" fill=\"#1d6f8c\"/><rect y=\"420\" width=\"1200\" height=\"255\" fill=\"#e3c78f\"/>"
            + "<circle cx=\"950\" cy=\"160\" r=\"80\" fill=\"#f5b942\"/></svg>",
            "image/svg+xml"));
        await app.StartAsync();
        return new LandingStandIn(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
