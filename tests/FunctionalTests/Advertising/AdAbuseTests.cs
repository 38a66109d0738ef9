using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.Advertising;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Advertising;

/// <summary>
/// What one client can do to a competitor's campaign with real tokens (issue 12): the pixel and the click spend the
/// gateway's write budget, and one address counts at most one impression of a campaign a minute.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AdAbuseTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_impression_pixel_and_the_click_spend_the_write_budget_and_reads_go_on()
    {
        using var admin = platform.Client("admin");
        var tag = Newsroom.UniqueTag();
        var (campaign, _) = await AdDesk.Live(admin, AdDesk.Campaign(await AdDesk.Advertiser(admin), tag, "sponsorship"));
        await using var strict = platform.StartGateway(new Dictionary<string, string?>
        {
            ["Gateway:RateLimits:WritesPerSecond"] = "1",
            ["Gateway:RateLimits:WriteBurst"] = "2",
            ["Gateway:RateLimits:RefillEvery"] = "01:00:00", // nothing refills during the test
        });
        using var reader = platform.Client(followRedirects: false, gateway: strict);
        var decision = await (await AdDesk.DecisionFor(reader, $"slot=top&tags={tag}", campaign)).ReadObject();

        var pixel = await reader.GetAsync((string)decision["impressionUrl"]!);
        Assert.Equal((HttpStatusCode.OK, "image/gif"), (pixel.StatusCode, pixel.Content.Headers.ContentType!.MediaType));
        Assert.Equal(HttpStatusCode.Redirect, (await reader.GetAsync((string)decision["clickUrl"]!)).StatusCode);

        // Two writes spent: the third GET on either is refused at the door, as a third POST would be.
        var limited = await reader.GetAsync((string)decision["impressionUrl"]!);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await reader.GetAsync((string)decision["clickUrl"]!)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await reader.GetAsync("/api/ads/impressions/made-up")).StatusCode);

        // Reads have their own budget.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/articles?pageSize=1")).StatusCode);
    }

    [Fact]
    public async Task One_address_counts_one_impression_of_a_campaign_a_minute_and_the_address_is_the_one_the_gateway_saw()
    {
        using var admin = platform.Client("admin");
        var tag = Newsroom.UniqueTag();
        var (campaign, _) = await AdDesk.Live(admin, AdDesk.Campaign(await AdDesk.Advertiser(admin), tag, "sponsorship"));

        // A replica whose clock the test holds (no minute ends by chance mid-test), with the default limit, behind
        // a gateway that believes this machine's X-Forwarded-For (as it believes the reader site's) ...
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var replica = platform.StartService<AdvertisingApp>(services: s => s.AddSingleton<TimeProvider>(clock));
        var toReplica = new Dictionary<string, string?> { ["ReverseProxy:Clusters:advertising:Destinations:primary:Address"] = replica.Address.ToString() };
        await using var behindFrontEnd = platform.StartGateway(new Dictionary<string, string?>(toReplica) { ["Gateway:TrustedFrontEnds"] = "127.0.0.1" });
        // ... and a gateway that believes nobody's, as the public door does.
        await using var door = platform.StartGateway(toReplica);
        using var site = platform.Client(gateway: behindFrontEnd);
        using var stranger = platform.Client(gateway: door);

        async Task<string> TokenUrl() => (string)(await (await AdDesk.DecisionFor(site, $"slot=top&tags={tag}", campaign)).ReadObject())["impressionUrl"]!;
        async Task<HttpStatusCode> Impression(HttpClient client, string url, string? forwardedFor, bool pixel = false)
        {
            var request = new HttpRequestMessage(pixel ? HttpMethod.Get : HttpMethod.Post, url);
            if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await client.SendAsync(request)).StatusCode;
        }

        async Task<long> Counted() => (long)(await AdDesk.Read(admin, campaign))["impressions"]!;

        Assert.Equal(HttpStatusCode.NoContent, await Impression(site, await TokenUrl(), "198.51.100.7"));
        var secondFromSameReader = await TokenUrl();
        Assert.Equal(HttpStatusCode.NoContent, await Impression(site, secondFromSameReader, "198.51.100.7")); // answered alike ...
        Assert.Equal(HttpStatusCode.OK, await Impression(site, await TokenUrl(), "198.51.100.7", pixel: true));
        Assert.Equal(1, await Counted()); // ... but counted once
        Assert.Equal(HttpStatusCode.NoContent, await Impression(site, await TokenUrl(), "198.51.100.8")); // another reader counts
        Assert.Equal(2, await Counted());
        // The refused token was spent: sent again from a fresh address it still counts nothing.
        Assert.Equal(HttpStatusCode.NoContent, await Impression(site, secondFromSameReader, "198.51.100.9"));
        Assert.Equal(2, await Counted());

        // At the public door a client cannot choose its address: whatever X-Forwarded-For it claims, it is this machine.
        Assert.Equal(HttpStatusCode.NoContent, await Impression(stranger, await TokenUrl(), "203.0.113.1"));
        Assert.Equal(HttpStatusCode.NoContent, await Impression(stranger, await TokenUrl(), "203.0.113.2"));
        Assert.Equal(3, await Counted());

        // The next minute, the first reader counts again.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NoContent, await Impression(site, await TokenUrl(), "198.51.100.7"));
        Assert.Equal(4, await Counted());
    }
}
