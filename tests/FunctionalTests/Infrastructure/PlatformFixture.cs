using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NewsPlatform.Articles;
using NewsPlatform.Comments;
using NewsPlatform.Gateway;
using NewsPlatform.Localization;
using NewsPlatform.Advertising;
using NewsPlatform.Identity;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>
/// The whole platform in this process: the four services and the gateway on real Kestrel ports, against a
/// database of their own on the test PostgreSQL and the test RabbitMQ. Tests talk to the gateway only.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string RunId = $"{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000, 9999)}";

    public string DatabaseName { get; } = $"np_test_{RunId}";

    public ServiceHost<ArticlesApp> Articles { get; private set; } = null!;
    public ServiceHost<CommentsApp> Comments { get; private set; } = null!;
    public ServiceHost<LocalizationApp> Localization { get; private set; } = null!;
    public ServiceHost<AdvertisingApp> Advertising { get; private set; } = null!;
    public ServiceHost<GatewayApp> Gateway { get; private set; } = null!;

    /// <summary>
    /// The identity service (issue 13). Every service and gateway of the run validates its tokens from its discovery
    /// document, as in production; the HS256 test tokens (<see cref="Tokens"/>) keep working beside them.
    /// </summary>
    public ServiceHost<IdentityApp> Identity { get; private set; } = null!;

    /// <summary>The main gateway's port, chosen first: the issuer is the public URL, which is the gateway's.</summary>
    public int GatewayPort { get; } = TestEnvironment.FreePort();

    public int IdentityPort { get; } = TestEnvironment.FreePort();

    /// <summary>Where the browser tests run the newsroom console: the identity service knows its redirect URI.</summary>
    public int NewsroomPort { get; } = TestEnvironment.FreePort();

    /// <summary>The issuer of this run's tokens: the identity service as seen through the main gateway.</summary>
    public string Issuer => $"http://127.0.0.1:{GatewayPort}/identity/";

    /// <summary>The discovery document fetched straight from the identity service, as ./platform up configures it.</summary>
    public string MetadataAddress => $"http://127.0.0.1:{IdentityPort}/identity/.well-known/openid-configuration";

    /// <summary>
    /// Settings of the identity service that a fixture built on this one adds before <see cref="InitializeAsync"/>: e.g.
    /// <c>Identity:NewsroomRedirectUris:1</c> for a console behind a gateway of its own.
    /// </summary>
    public Dictionary<string, string?> IdentitySettings { get; } = new();

    /// <summary>The secret of this run's <c>analyst-export</c> client: random, never committed.</summary>
    public string AnalystExportSecret { get; } = TestEnvironment.RandomKey();

    public string ConnectionString => new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = DatabaseName }.ConnectionString;

    /// <summary>
    /// For a test's own SQL: unpooled, since an outage test restarts PostgreSQL under any pooled connection and the
    /// next test would read through a dead one.
    /// </summary>
    public string RawConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestEnvironment.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var identitySettings = new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = Issuer,
            ["Identity:AnalystExportSecret"] = AnalystExportSecret,
            // A console run on its own port may sign in too.
            ["Identity:NewsroomRedirectUris:0"] = "http://127.0.0.1:5107/newsroom/signin-oidc",
            // The browser tests' console, on a port of this run.
            ["Identity:NewsroomRedirectUris:1"] = $"http://127.0.0.1:{NewsroomPort}/newsroom/signin-oidc",
            ["Identity:NewsroomPostLogoutRedirectUris:0"] = $"http://127.0.0.1:{NewsroomPort}/newsroom/signout-callback-oidc",
        };
        foreach (var (key, value) in IdentitySettings) identitySettings[key] = value;
        Identity = StartService<IdentityApp>(identitySettings, port: IdentityPort);
        Articles = StartService<ArticlesApp>();
        Comments = StartService<CommentsApp>();
        Localization = StartService<LocalizationApp>();
        Advertising = StartService<AdvertisingApp>();
        // The reader site behind the gateway, as ./platform up runs it: every path that is not the API's is the site's.
        Gateway = StartGateway(port: GatewayPort);
        Web = new ServiceHost<NewsPlatform.Web.WebApp>(WebPort, new Dictionary<string, string?>
        {
            ["Web:GatewayUrl"] = Gateway.Address.ToString(),
            ["Web:OutboundAddress"] = FrontEndAddress,
        }).Start();
    }

    /// <summary>Where the site connects to the gateway from: the gateway believes its X-Forwarded-For from there only.</summary>
    public const string FrontEndAddress = "127.0.0.2";

    /// <summary>The reader site's port, chosen first so that every gateway a test starts routes site paths to it.</summary>
    public int WebPort { get; } = TestEnvironment.FreePort();

    public ServiceHost<NewsPlatform.Web.WebApp> Web { get; private set; } = null!;

    /// <summary>A gateway in front of this run's services; tests of the door itself start one with their own settings.</summary>
    public ServiceHost<GatewayApp> StartGateway(IReadOnlyDictionary<string, string?>? overrides = null, int? port = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = TestEnvironment.SigningKey,
            ["Auth:Authority"] = Issuer,
            ["Auth:MetadataAddress"] = MetadataAddress,
            ["Auth:KeyRefreshInterval"] = "00:00:01",
            ["ReverseProxy:Clusters:identity:Destinations:primary:Address"] = Identity.Address.ToString(),
            // Generous limits for the suite (one client IP); a short cache life keeps its memory small (freshness comes
            // from the services' read-model versions in every key, docs/decisions/0024).
            ["Gateway:RateLimits:ReadsPerSecond"] = "100000",
            ["Gateway:RateLimits:ReadBurst"] = "100000",
            ["Gateway:RateLimits:WritesPerSecond"] = "100000",
            ["Gateway:RateLimits:WriteBurst"] = "100000",
            ["Gateway:ReaderCacheDuration"] = "00:00:02",
            ["ReverseProxy:Clusters:articles:Destinations:primary:Address"] = Articles.Address.ToString(),
            ["ReverseProxy:Clusters:comments:Destinations:primary:Address"] = Comments.Address.ToString(),
            ["ReverseProxy:Clusters:localization:Destinations:primary:Address"] = Localization.Address.ToString(),
            ["ReverseProxy:Clusters:advertising:Destinations:primary:Address"] = Advertising.Address.ToString(),
            // This run's reader site, never the one a developer runs on 5105.
            ["ReverseProxy:Clusters:web:Destinations:primary:Address"] = $"http://127.0.0.1:{WebPort}/",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return new ServiceHost<GatewayApp>(port ?? TestEnvironment.FreePort(), settings).Start();
    }

    /// <summary>Stops the articles service (as a crash or a deploy would) and starts it again on the same port.</summary>
    public async Task StopArticlesAsync() => await Articles.DisposeAsync();

    public void StartArticles() => Articles = StartService<ArticlesApp>(port: Articles.Port);

    /// <summary>Stops the comments service and starts it again on the same port: a page part whose service is down.</summary>
    public async Task StopCommentsAsync() => await Comments.DisposeAsync();

    public void StartComments() => Comments = StartService<CommentsApp>(port: Comments.Port);

    public ServiceHost<TApp> StartService<TApp>(IReadOnlyDictionary<string, string?>? overrides = null, int? port = null,
        Action<IServiceCollection>? services = null)
        where TApp : class
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["ConnectionStrings:RabbitMq"] = TestEnvironment.RabbitMq,
            ["Auth:SigningKey"] = TestEnvironment.SigningKey,
            ["Auth:Authority"] = Issuer,
            ["Auth:MetadataAddress"] = MetadataAddress,
            // The rotation test must not wait out the 30 s between JWKS fetches that forged tokens of other tests started.
            ["Auth:KeyRefreshInterval"] = "00:00:01",
            // Queues of this run only: another test run on the same broker must not take our messages.
            ["Messaging:QueueSuffix"] = RunId,
            // The whole suite posts from one IP; the per-IP limit has a test of its own.
            ["Comments:RateLimits:CommentsPerMinutePerIp"] = "100000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return new ServiceHost<TApp>(port ?? TestEnvironment.FreePort(), settings, services).Start();
    }

    /// <summary>A client of the gateway, as a front end would be, optionally with a role's token.</summary>
    public HttpClient Client(string? role = null, bool followRedirects = true, ServiceHost<GatewayApp>? gateway = null)
    {
        // The services' telemetry shares this process: without this, the client's own (unsampled) span would
        // replace the traceparent a test sets, as a front end's would never be.
        var handler = new SocketsHttpHandler { ActivityHeadersPropagator = null, AllowAutoRedirect = followRedirects };
        var client = new HttpClient(handler) { BaseAddress = (gateway ?? Gateway).Address, Timeout = TimeSpan.FromSeconds(30) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(role));
        }

        return client;
    }

    /// <summary>A client of the gateway with a token of the test's own making (an advertiser's, with its advertiser id).</summary>
    public HttpClient ClientWithToken(string token, ServiceHost<GatewayApp>? gateway = null)
    {
        var client = Client(gateway: gateway);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable?[] { Web, Gateway, Articles, Comments, Localization, Advertising, Identity })
        {
            if (host is not null) await host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
