using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Gateway;

/// <summary>
/// Every path that is not the gateway's own nor a service's goes to the site (cluster <c>web</c>), and the gateway
/// believes <c>X-Forwarded-For</c> only from the front ends it trusts.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SiteRouteTests(PlatformFixture platform)
{
    private const string FrontEnd = "127.0.0.2";

    [Fact]
    public async Task Site_paths_go_to_the_web_cluster_and_the_gateways_own_paths_stay_its_own()
    {
        await using var site = await SiteStandIn.StartAsync();
        await using var gateway = platform.StartGateway(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:web:Destinations:primary:Address"] = site.Address.ToString(),
        });
        using var reader = platform.Client(gateway: gateway, followRedirects: false);

        foreach (var path in new[] { "/", "/en/", "/fr/section/politics", "/robots.txt", "/media/port-louis.jpg" })
        {
            var answer = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal($"site {path}", await answer.Content.ReadAsStringAsync());
        }

        var health = await reader.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain("site", await health.Content.ReadAsStringAsync());
        // OpenAPI is served in Development only (issue 12); elsewhere the gateway's own 404 problem, never the site.
        var openApi = await reader.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.NotFound, openApi.StatusCode);
        Assert.DoesNotContain("site", await openApi.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/pages/home")).StatusCode);
        Assert.Equal("application/rss+xml", (await reader.GetAsync("/feeds/en/latest.rss")).Content.Headers.ContentType!.MediaType);

        foreach (var path in new[] { "/api", "/api/nothing-here", "/api/pages/nothing", "/health/nothing", "/openapi/nothing", "/scalar/nothing/at/all" })
        {
            var answer = await reader.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        Assert.All(site.Paths, p => Assert.DoesNotContain("/api", p));
    }

    [Fact]
    public async Task X_Forwarded_For_is_believed_from_a_trusted_front_end_only()
    {
        await using var site = await SiteStandIn.StartAsync();
        await using var gateway = platform.StartGateway(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:web:Destinations:primary:Address"] = site.Address.ToString(),
            ["Gateway:TrustedFrontEnds:0"] = FrontEnd,
            ["Gateway:RateLimits:ReadsPerSecond"] = "1",
            ["Gateway:RateLimits:ReadBurst"] = "2",
        });
        using var frontEnd = FrontEndClient(gateway.Address);
        using var plain = platform.Client(gateway: gateway);

        // The site (and the services behind YARP) see the reader's address when the trusted front end names it…
        Assert.Equal("203.0.113.9", await ForwardedTo(site, frontEnd, "203.0.113.9"));
        // …and the plain client's own address whatever it claims.
        Assert.Equal("127.0.0.1", await ForwardedTo(site, plain, "203.0.113.10"));

        // Each reader behind the front end has a read budget of their own: one spends it, the next still reads.
        var reader = $"198.51.100.{Random.Shared.Next(1, 250)}";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await Get(frontEnd, "/api/pages/nothing", reader)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.NotFound, (await Get(frontEnd, "/api/pages/nothing", "198.51.100.251")).StatusCode);
    }

    [Fact]
    public async Task A_comment_posted_through_a_trusted_front_end_carries_the_readers_IP()
    {
        await using var gateway = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:TrustedFrontEnds:0"] = $"{FrontEnd}/32" });
        using var editor = platform.Client("editor");
        using var moderator = platform.Client("moderator");
        using var frontEnd = FrontEndClient(gateway.Address);
        var (articleId, _, _) = await Newsroom.Published(editor, Newsroom.Story("Front end", Newsroom.UniqueTag()));
        await Eventually.Until(() => platform.Client().GetAsync($"/api/articles/{articleId}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the thread");

        var readerIp = $"203.0.113.{Random.Shared.Next(1, 250)}";
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{articleId}/comments")
        {
            Content = Api.JsonBody(new { authorName = "Anjali", authorEmail = "anjali@example.mu", body = "Through the site." }),
        };
        request.Headers.Add("X-Forwarded-For", readerIp);
        var posted = await frontEnd.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var id = (Guid)(await posted.ReadObject())["id"]!;
        var status = (string)(await posted.ReadObject())["status"]!;

        var mine = await FindInQueue(moderator, status, id);
        Assert.Equal(readerIp, (string)mine["ip"]!);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> FindInQueue(HttpClient moderator, string status, Guid id)
    {
        for (var page = 1; ; page++)
        {
            var queue = await (await moderator.GetAsync($"/api/comments/moderation?status={status}&pageSize=100&page={page}")).ReadObject();
            if (queue["items"]!.AsArray().FirstOrDefault(c => (Guid)c!["id"]! == id) is { } found) return found;
            Assert.True(page * 100 < (int)queue["total"]!, $"comment {id} not in the {status} queue");
        }
    }

    private static async Task<string> ForwardedTo(SiteStandIn site, HttpClient client, string claimed)
    {
        var path = $"/en/{Guid.NewGuid():N}";
        var answer = await Get(client, path, claimed);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return site.ForwardedFor[path];
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    /// <summary>A client whose connections leave from 127.0.0.2, as the site's do.</summary>
    private static HttpClient FrontEndClient(Uri gateway)
    {
        var handler = new SocketsHttpHandler
        {
            ActivityHeadersPropagator = null,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(FrontEnd), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A tiny site on a real port: answers <c>site {path}</c> and remembers the X-Forwarded-For it got per path.</summary>
    private sealed class SiteStandIn : IAsyncDisposable
    {
        private readonly WebApplication app;

        private SiteStandIn(WebApplication app, Uri address) => (this.app, Address) = (app, address);

        public Uri Address { get; }

        public System.Collections.Concurrent.ConcurrentDictionary<string, string> ForwardedFor { get; } = new();

        public System.Collections.Concurrent.ConcurrentBag<string> Paths { get; } = [];

        public static async Task<SiteStandIn> StartAsync()
        {
            var port = TestEnvironment.FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var site = new SiteStandIn(app, new Uri($"http://127.0.0.1:{port}/"));
            app.MapGet("/health/live", () => "ok"); // the gateway's active health check
            app.Run(async context =>
            {
                var path = context.Request.Path.Value ?? "/";
                site.Paths.Add(path);
                site.ForwardedFor[path] = context.Request.Headers["X-Forwarded-For"].ToString();
                await context.Response.WriteAsync($"site {path}");
            });
            await app.StartAsync();
            return site;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
