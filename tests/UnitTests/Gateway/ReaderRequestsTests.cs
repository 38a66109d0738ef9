using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using NewsPlatform.Gateway.Caching;
using NewsPlatform.Platform.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Forwarder;

namespace NewsPlatform.UnitTests.Gateway;

/// <summary>
/// The gateway's names for readers' requests it passes to the site (docs/decisions/0025): only a name it gave, for a
/// request still under way, moves the moment a read must be fresher than back to when that request began.
/// </summary>
public sealed class ReaderRequestsTests
{
    private static HttpContext Proxied(string cluster, string? sentByClient = null)
    {
        var context = new DefaultHttpContext();
        if (sentByClient is not null) context.Request.Headers[GatewayHeaders.ReaderRequest] = sentByClient;
        var route = new RouteModel(new RouteConfig { RouteId = cluster, ClusterId = cluster }, null, HttpTransformer.Empty);
        context.Features.Set<Yarp.ReverseProxy.Model.IReverseProxyFeature>(new ProxyFeature(route));
        return context;
    }

    private sealed class ProxyFeature(RouteModel route) : IReverseProxyFeature
    {
        public RouteModel Route { get; } = route;
        public ClusterModel Cluster { get; set; } = null!;
        public IReadOnlyList<DestinationState> AllDestinations { get; set; } = [];
        public IReadOnlyList<DestinationState> AvailableDestinations { get; set; } = [];
        public DestinationState? ProxiedDestination { get; set; }
    }

    private static HttpRequest CallBack(string? id)
    {
        var request = new DefaultHttpContext().Request;
        if (id is not null) request.Headers[GatewayHeaders.ReaderRequest] = id;
        return request;
    }

    [Fact]
    public async Task The_sites_call_for_a_request_under_way_began_when_that_request_did()
    {
        var readers = new ReaderRequests();
        var context = Proxied(ReaderRequests.SiteCluster, sentByClient: "chosen-by-the-client");
        var before = Stopwatch.GetTimestamp();
        string? id = null;
        long during = 0;

        await readers.PassToSiteAsync(context, async () =>
        {
            id = context.Request.Headers[GatewayHeaders.ReaderRequest];
            await Task.Delay(20);
            during = readers.BeganAt(CallBack(id));
        });

        Assert.NotEqual("chosen-by-the-client", id);
        Assert.InRange(during, before, Stopwatch.GetTimestamp());
        Assert.True(Stopwatch.GetElapsedTime(during) >= TimeSpan.FromMilliseconds(15), "the door's moment, not the call's");
        // Ended: the name means nothing any more.
        var after = Stopwatch.GetTimestamp();
        Assert.True(readers.BeganAt(CallBack(id)) >= after);
    }

    [Fact]
    public void A_name_the_gateway_did_not_give_or_none_is_now()
    {
        var readers = new ReaderRequests();
        var now = Stopwatch.GetTimestamp();
        Assert.True(readers.BeganAt(CallBack("0123456789abcdef0123456789abcdef")) >= now);
        Assert.True(readers.BeganAt(CallBack(null)) >= now);
    }

    [Fact]
    public async Task Requests_for_a_service_are_not_named()
    {
        var readers = new ReaderRequests();
        var context = Proxied("articles");
        await readers.PassToSiteAsync(context, () => Task.CompletedTask);
        Assert.False(context.Request.Headers.ContainsKey(GatewayHeaders.ReaderRequest));
    }
}
