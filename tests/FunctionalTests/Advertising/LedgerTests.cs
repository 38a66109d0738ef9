using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.Advertising;
using NewsPlatform.Advertising.Delivery;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Advertising;

/// <summary>The impression and click ledger: one count per token, signed tokens only, goals never passed, reports in site time.</summary>
[Collection(PlatformCollection.Name)]
public sealed class LedgerTests(PlatformFixture platform)
{
    /// <summary>For the tests that count many impressions from the one address they run on (the limit has tests of its own).</summary>
    private static readonly Dictionary<string, string?> AnyNumberPerAddress = new() { ["Advertising:Ledger:ImpressionsPerIpPerCampaignPerMinute"] = "0" };

    /// <summary>A live sponsorship on a tag of its own, and a decision for it.</summary>
    private static async Task<(Guid Campaign, System.Text.Json.Nodes.JsonObject Decision)> LiveDecisionAsync(HttpClient admin, HttpClient reader)
    {
        var tag = Newsroom.UniqueTag();
        var (campaign, _) = await AdDesk.Live(admin, AdDesk.Campaign(await AdDesk.Advertiser(admin), tag, "sponsorship"));
        return (campaign, await (await AdDesk.DecisionFor(reader, $"slot=top&tags={tag}", campaign)).ReadObject());
    }

    [Fact]
    public async Task An_impression_token_sent_three_times_counts_once_and_a_click_counts_once_and_lands()
    {
        using var admin = platform.Client("admin");
        using var reader = platform.Client(followRedirects: false);
        var (campaign, decision) = await LiveDecisionAsync(admin, reader);
        var impressionUrl = (string)decision["impressionUrl"]!;

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NoContent, (await reader.PostAsync(impressionUrl, null)).StatusCode);
        var pixel = await reader.GetAsync(impressionUrl); // a fourth, as an image
        Assert.Equal("image/gif", pixel.Content.Headers.ContentType!.MediaType);
        for (var i = 0; i < 2; i++)
        {
            var click = await reader.GetAsync((string)decision["clickUrl"]!);
            Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
            Assert.Equal("https://airmauritius.example/offers", click.Headers.Location!.ToString());
        }

        var counted = await AdDesk.Read(admin, campaign);
        Assert.Equal((1L, 1L), ((long)counted["impressions"]!, (long)counted["clicks"]!));

        // Counting does not move the campaign's ETag, so a conditional read must not hide the new counts behind a 304.
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/ads/campaigns/{campaign}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", $"\"{(long)counted["version"]!}\"");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task A_forged_or_expired_token_counts_nothing_and_answers_400()
    {
        using var admin = platform.Client("admin");
        using var reader = platform.Client(followRedirects: false);
        var (campaign, decision) = await LiveDecisionAsync(admin, reader);
        var token = ((string)decision["impressionUrl"]!).Split('/').Last();
        var forged = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
        var tokens = platform.Advertising.Services.GetRequiredService<AdTokens>();
        var expired = tokens.Sign(new AdToken(Guid.CreateVersion7(), campaign, (Guid)decision["creativeId"]!, DateTimeOffset.UtcNow.AddMinutes(-1)));

        foreach (var bad in new[] { forged, expired, "not-a-token", "a.b.c" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await reader.PostAsync($"/api/ads/impressions/{bad}", null)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"/api/ads/clicks/{bad}")).StatusCode);
        }

        var counted = await AdDesk.Read(admin, campaign);
        Assert.Equal((0L, 0L), ((long)counted["impressions"]!, (long)counted["clicks"]!));
    }

    [Fact]
    public async Task Two_replicas_deciding_and_counting_at_once_never_pass_the_goal_and_the_campaign_ends_by_goal()
    {
        using var admin = platform.Client("admin");
        var advertiser = await AdDesk.Advertiser(admin);
        var tag = Newsroom.UniqueTag();
        const int goal = 25;
        var (campaign, _) = await AdDesk.Live(admin, AdDesk.Campaign(advertiser, tag, "sponsorship", goal: goal));
        // Every page here comes from this one machine's address: two replicas of their own, without the per-address limit.
        await using var first = platform.StartService<NewsPlatform.Advertising.AdvertisingApp>(AnyNumberPerAddress);
        await using var second = platform.StartService<NewsPlatform.Advertising.AdvertisingApp>(AnyNumberPerAddress);
        var replicas = new[] { first.Address, second.Address }
            .Select(address => new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }).ToArray();
        foreach (var replica in replicas) await AdDesk.DecisionFor(replica, $"slot=top&tags={tag}", campaign);

        // Six pages at a time on each replica, far more than the goal: each takes a decision and counts its impression.
        var shown = 0;
        await Task.WhenAll(Enumerable.Range(0, 12).Select(async worker =>
        {
            var replica = replicas[worker % 2];
            for (var i = 0; i < 10; i++)
            {
                var decision = await replica.GetAsync($"/api/ads/decision?slot=top&tags={tag}");
                if (decision.StatusCode != HttpStatusCode.OK) continue;
                var url = (string)(await decision.ReadObject())["impressionUrl"]!;
                // Under this much contention the ledger may ask for the same URL again (503, nothing counted, the
                // token unspent); a page resends it after Retry-After until the ledger has settled the token.
                var impression = await Eventually.Until(() => SendImpressionAsync(replica, url),
                    r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60), "the ledger settling the token");
                Assert.Equal(HttpStatusCode.NoContent, impression.StatusCode);
                Interlocked.Increment(ref shown);
            }
        }));

        var counted = await AdDesk.Read(admin, campaign);
        Assert.Equal(goal, (long)counted["impressions"]!);
        Assert.True(shown >= goal, $"only {shown} impressions were sent");
        Assert.Equal(("ended", "goal"), ((string)counted["status"]!, (string)counted["endedBy"]!));
        foreach (var replica in replicas)
        {
            await Eventually.Until(() => replica.GetAsync($"/api/ads/decision?slot=top&tags={tag}"),
                r => r.StatusCode == HttpStatusCode.NoContent, TimeSpan.FromSeconds(10), "no decision for a campaign that reached its goal");
            replica.Dispose();
        }
    }

    [Fact]
    public async Task Reports_put_impressions_and_clicks_in_the_site_days_and_hours_across_local_midnight()
    {
        using var admin = platform.Client("admin");
        var advertiser = await AdDesk.Advertiser(admin);
        var tag = Newsroom.UniqueTag();
        var (campaign, _) = await AdDesk.Live(admin, AdDesk.Campaign(advertiser, tag, "sponsorship",
            startsAt: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), endsAt: DateTimeOffset.UtcNow.AddDays(60)));
        // A replica whose clock the test holds: 19:30 UTC is 23:30 in Mauritius (UTC+4), 20:30 UTC is 00:30 the next day.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 19, 30, 0, TimeSpan.Zero));
        await using var replica = platform.StartService<AdvertisingApp>(AnyNumberPerAddress, services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = replica.Address };

        var shown = new List<string>();
        async Task ShowAsync(bool click)
        {
            var decision = await (await AdDesk.DecisionFor(client, $"slot=top&tags={tag}", campaign)).ReadObject();
            shown.Add((string)decision["impressionUrl"]!);
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync(shown[^1], null)).StatusCode);
            if (click) await client.GetAsync((string)decision["clickUrl"]!);
        }

        await ShowAsync(click: true);
        await ShowAsync(click: false);
        clock.Advance(TimeSpan.FromHours(1));
        await ShowAsync(click: false);

        var daily = await (await admin.GetAsync($"/api/ads/campaigns/{campaign}/report?from=2026-11-20&to=2026-11-21&granularity=day")).ReadObject();
        Assert.Equal("Indian/Mauritius", (string)daily["timeZone"]!);
        var days = daily["buckets"]!.AsArray().Select(b => ((string)b!["local"]!, (long)b["impressions"]!, (long)b["clicks"]!, (double)b["ctr"]!)).ToList();
        Assert.Equal([("2026-11-20", 2L, 1L, 0.5), ("2026-11-21", 1L, 0L, 0.0)], days);
        Assert.Equal("2026-11-19T20:00:00Z", daily["buckets"]![0]!["start"]!.ToString()); // local midnight, in UTC

        var hourly = await (await admin.GetAsync($"/api/ads/campaigns/{campaign}/report?from=2026-11-20T19:00:00Z&to=2026-11-20T21:00:00Z&granularity=hour")).ReadObject();
        var hours = hourly["buckets"]!.AsArray().Select(b => ((string)b!["local"]!, (long)b["impressions"]!)).ToList();
        Assert.Equal([("2026-11-20T23:00", 2L), ("2026-11-21T00:00", 1L)], hours);
        Assert.Equal(3, (long)hourly["totals"]!["impressions"]!);

        // Two days on, the tokens have expired: their spent records are pruned, and sending one again still counts nothing.
        clock.Advance(TimeSpan.FromDays(2));
        await replica.Services.GetRequiredService<SpentTokenPruner>().PruneAsync(CancellationToken.None);
        await using (var query = replica.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession())
        {
            Assert.Empty(await query.LoadManyAsync<SpentToken>(shown.Select(u => $"i:{DecisionIdOf(u, replica)}").ToArray()));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(shown[0], null)).StatusCode);
        Assert.Equal(3, (long)(await AdDesk.Read(admin, campaign))["impressions"]!);

        foreach (var bad in new[]
                 {
                     "granularity=week", "from=yesterday", "from=2026-11-21&to=2026-11-20", "from=2026-01-01&to=2026-12-31&granularity=hour",
                     "from=9999-12-30&to=9999-12-31", "from=0001-01-01T00:00:00Z&to=0001-01-01T05:00:00Z&granularity=hour",
                     "to=9999-12-31T23:59:59Z&granularity=hour",
                 })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/ads/campaigns/{campaign}/report?{bad}")).StatusCode);
        }
    }

    /// <summary>Sends an impression; a 503 is first held for its Retry-After, as a page would before sending it again.</summary>
    private static async Task<HttpResponseMessage> SendImpressionAsync(HttpClient replica, string url)
    {
        var impression = await replica.PostAsync(url, null);
        if (impression.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Assert.NotNull(impression.Headers.RetryAfter); // the ledger says when to come back
            await Task.Delay(impression.Headers.RetryAfter!.Delta ?? TimeSpan.FromSeconds(1));
        }

        return impression;
    }

    private static Guid DecisionIdOf(string impressionUrl, ServiceHost<AdvertisingApp> replica)
    {
        var tokens = replica.Services.GetRequiredService<AdTokens>();
        Assert.True(tokens.TryRead(impressionUrl.Split('/')[^1], DateTimeOffset.MinValue.AddYears(1), out var token, out _));
        return token.DecisionId;
    }
}
