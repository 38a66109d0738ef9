using System.Net;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Advertising;

/// <summary>Advertisers and campaigns through the gateway: roles, ownership, validation and the lifecycle.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CampaignTests(PlatformFixture platform)
{
    [Fact]
    public async Task Admins_register_advertisers_once_per_Idempotency_Key_and_nobody_else_may()
    {
        using var admin = platform.Client("admin");
        var request = () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/ads/advertisers") { Content = Api.JsonBody(new { name = "MCB" }) };
            message.Headers.Add("Idempotency-Key", "advertiser-mcb-once");
            return message;
        };
        var first = await admin.SendAsync(request());
        var again = await admin.SendAsync(request());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((string)(await first.ReadObject())["id"]!, (string)(await again.ReadObject())["id"]!);
        Assert.NotNull(first.Headers.Location);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/ads/advertisers", Api.JsonBody(new { name = "" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.Client().PostAsync("/api/ads/advertisers", Api.JsonBody(new { name = "X" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Client("editor").PostAsync("/api/ads/advertisers", Api.JsonBody(new { name = "X" }))).StatusCode);
    }

    [Fact]
    public async Task An_advertiser_sees_and_changes_only_its_own_campaigns()
    {
        using var admin = platform.Client("admin");
        var mine = await AdDesk.Advertiser(admin, "Mine");
        var theirs = await AdDesk.Advertiser(admin, "Theirs");
        using var owner = platform.ClientWithToken(Tokens.For("advertiser", mine.ToString()));
        using var other = platform.ClientWithToken(Tokens.For("advertiser", theirs.ToString()));
        var tag = Newsroom.UniqueTag();

        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(theirs, tag)))).StatusCode);
        var (id, etag) = await AdDesk.Live(owner, AdDesk.Campaign(mine, tag));

        var read = await owner.GetAsync($"/api/ads/campaigns/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(etag, read.Headers.ETag!.Tag);
        Assert.Equal("active", (string)(await read.ReadObject())["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/ads/campaigns/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AdDesk.Act(other, id, "pause", etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/ads/campaigns/{id}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/ads/campaigns/{id}/creatives", Api.JsonBody(AdDesk.TextCreative()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/ads/campaigns?advertiserId={mine}")).StatusCode);

        var own = await (await owner.GetAsync("/api/ads/campaigns?pageSize=100")).ReadObject();
        Assert.All(own["items"]!.AsArray(), c => Assert.Equal(mine, (Guid)c!["advertiserId"]!));
        Assert.Contains(own["items"]!.AsArray(), c => (Guid)c!["id"]! == id);
        var theirList = await (await other.GetAsync("/api/ads/campaigns")).ReadObject();
        Assert.DoesNotContain(theirList["items"]!.AsArray(), c => (Guid)c!["id"]! == id);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/ads/campaigns/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_campaigns_and_creatives_are_400_and_html_creatives_are_sanitised()
    {
        using var admin = platform.Client("admin");
        var advertiser = await AdDesk.Advertiser(admin);
        var bad = await admin.PostAsync("/api/ads/campaigns", Api.JsonBody(new
        {
            advertiserId = advertiser, name = "", priority = "urgent", startsAt = DateTimeOffset.UtcNow.AddDays(5), endsAt = DateTimeOffset.UtcNow.AddDays(1),
            impressionGoal = 0, targeting = new { slots = new[] { "footer" }, sections = new[] { "astrology" }, tags = Array.Empty<string>(), languages = new[] { "??" } },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadObject())["errors"]!.AsObject();
        foreach (var field in new[] { "name", "priority", "endsAt", "impressionGoal", "targeting.slots", "targeting.sections", "targeting.languages" })
        {
            Assert.True(errors.ContainsKey(field), field);
        }

        var unknown = await admin.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(Guid.CreateVersion7(), "x")));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var created = await admin.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(advertiser, Newsroom.UniqueTag())));
        var id = (Guid)(await created.ReadObject())["id"]!;
        var badCreative = await admin.PostAsync($"/api/ads/campaigns/{id}/creatives",
            Api.JsonBody(new { slot = "top", kind = "image", landingUrl = "javascript:alert(1)" }));
        var creativeErrors = (await badCreative.ReadObject())["errors"]!.AsObject();
        Assert.True(creativeErrors.ContainsKey("landingUrl") && creativeErrors.ContainsKey("imageUrl"));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/ads/campaigns/{id}/creatives",
            Api.JsonBody(AdDesk.TextCreative(slot: "sidebar")))).StatusCode); // the campaign targets the top slot only

        var html = await admin.PostAsync($"/api/ads/campaigns/{id}/creatives", Api.JsonBody(new
        {
            slot = "top", kind = "html", html = "<a href=\"https://mcb.example\" onclick=\"steal()\">Save</a><script>alert(1)</script>",
            landingUrl = "https://mcb.example",
        }));
        Assert.Equal(HttpStatusCode.Created, html.StatusCode);
        var stored = (string)(await html.ReadObject())["creatives"]![0]!["html"]!;
        Assert.DoesNotContain("script", stored);
        Assert.DoesNotContain("onclick", stored);
    }

    [Fact]
    public async Task The_lifecycle_runs_created_active_paused_active_ended_with_If_Match()
    {
        using var admin = platform.Client("admin");
        var advertiser = await AdDesk.Advertiser(admin);
        var created = await admin.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(advertiser, Newsroom.UniqueTag())));
        var id = (Guid)(await created.ReadObject())["id"]!;
        var etag = created.Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.Conflict, (await AdDesk.Act(admin, id, "activate", etag)).StatusCode); // no creative yet
        var withCreative = await admin.PostAsync($"/api/ads/campaigns/{id}/creatives", Api.JsonBody(AdDesk.TextCreative()));
        etag = withCreative.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await AdDesk.Act(admin, id, "activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await AdDesk.Act(admin, id, "activate", "\"1\"")).StatusCode);

        var steps = new[] { ("activate", "active"), ("pause", "paused"), ("resume", "active"), ("end", "ended") };
        foreach (var (action, status) in steps)
        {
            var response = await AdDesk.Act(admin, id, action, etag);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(status, (string)(await response.ReadObject())["status"]!);
            etag = response.Headers.ETag!.Tag;
        }

        Assert.Equal("hand", (string)(await AdDesk.Read(admin, id))["endedBy"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await AdDesk.Act(admin, id, "resume", etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AdDesk.Act(admin, Guid.CreateVersion7(), "pause", etag)).StatusCode);
    }
}
