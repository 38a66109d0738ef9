extern alias console;

using Microsoft.Playwright;
using NewsPlatform.FunctionalTests.Infrastructure;
using NewsPlatform.Gateway;
using NewsPlatform.Web;

namespace NewsPlatform.BrowserTests.Infrastructure;

/// <summary>
/// Everything the browser tests share, made once per run: the platform in this process (the four services on the test
/// PostgreSQL and RabbitMQ), a gateway that sends every non-API path to the reader site, the site itself, a stand-in of
/// Open-Meteo and of an advertiser's web site, the demo content seeded through the gateway, and one Chromium.
/// Each test opens its own browser context.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium (./platform test installs it); Playwright's own browser download does not work offline.</summary>
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    /// <summary>Where the site's front end connects from: the gateway believes its X-Forwarded-For from there only.</summary>
    public const string FrontEndAddress = "127.0.0.2";

    public PlatformFixture Platform { get; } = new();

    public OpenMeteoStandIn Weather { get; private set; } = null!;

    public LandingStandIn Advertisers { get; private set; } = null!;

    /// <summary>The gateway readers use: API routes to the services, every other path to the site.</summary>
    public ServiceHost<GatewayApp> Gateway { get; private set; } = null!;

    public ServiceHost<WebApp> Web { get; private set; } = null!;

    public SeededContent Seed { get; private set; } = null!;

    /// <summary>The newsroom console on a port of its own (the identity service knows its redirect URI), calling the readers' gateway.</summary>
    public ServiceHost<console::NewsPlatform.Newsroom.NewsroomApp> Newsroom { get; private set; } = null!;

    /// <summary>The console's address, without a trailing slash: <c>http://127.0.0.1:{port}/newsroom</c>.</summary>
    public string NewsroomUrl => $"http://127.0.0.1:{Newsroom.Port}/newsroom";

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The site's address as readers see it (through the gateway), without a trailing slash.</summary>
    public string SiteUrl => Gateway.Address.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        // Chromium first: without it nothing here can run, and the message should say so rather than time out later.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (./platform test does it).");
        }

        await Platform.InitializeAsync();
        Weather = await OpenMeteoStandIn.StartAsync();
        Advertisers = await LandingStandIn.StartAsync();

        // The site's port first, so the gateway can route to it; then the gateway; then the site, which calls the gateway.
        var webPort = TestEnvironment.FreePort();
        Gateway = Platform.StartGateway(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:web:Destinations:primary:Address"] = $"http://127.0.0.1:{webPort}/",
            ["Gateway:TrustedFrontEnds:0"] = FrontEndAddress,
            ["Gateway:Weather:BaseUrl"] = Weather.BaseUrl.ToString(),
        });
        Web = new ServiceHost<WebApp>(webPort, new Dictionary<string, string?>
        {
            ["Web:GatewayUrl"] = Gateway.Address.ToString(),
            ["Web:OutboundAddress"] = FrontEndAddress,
        }).Start();

        Newsroom = new ServiceHost<console::NewsPlatform.Newsroom.NewsroomApp>(Platform.NewsroomPort, new Dictionary<string, string?>
        {
            ["Newsroom:GatewayUrl"] = Gateway.Address.ToString(),
            ["Newsroom:Authority"] = Platform.Issuer,
            ["Newsroom:MetadataAddress"] = Platform.MetadataAddress,
            ["Newsroom:RequireHttpsMetadata"] = "false",
        }).Start();

        Seed = await SeededContent.CreateAsync(this);

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Offline and quiet: no update checks, no sync, no GPU, no QUIC probes that could log errors.
            Args =
            [
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--disable-gpu", "--disable-quic",
            ],
        });
    }

    /// <summary>A client of the readers' gateway, optionally with a role's token.</summary>
    public HttpClient Client(string? role = null, bool followRedirects = true) =>
        Platform.Client(role, followRedirects, Gateway);

    /// <summary>A fresh browser context (cookies, storage, JavaScript on or off) at the site's address.</summary>
    public Task<IBrowserContext> NewContextAsync(bool javaScript = true, int? width = null, int? height = null) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = SiteUrl,
            JavaScriptEnabled = javaScript,
            Locale = "en-GB",
            ViewportSize = width is null ? null : new ViewportSize { Width = width.Value, Height = height ?? 800 },
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (Newsroom is not null) await Newsroom.DisposeAsync();
        if (Web is not null) await Web.DisposeAsync();
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (Advertisers is not null) await Advertisers.DisposeAsync();
        if (Weather is not null) await Weather.DisposeAsync();
        await Platform.DisposeAsync();
    }

    /// <summary>The repository's root folder (where NewsPlatform.sln is), for files the tests write (the screenshot).</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NewsPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "site";
}
