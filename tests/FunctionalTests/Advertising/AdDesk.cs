using System.Net;
using System.Text.Json.Nodes;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Advertising;

/// <summary>The ad desk's steps through the gateway that the advertising tests begin with.</summary>
public static class AdDesk
{
    public static async Task<Guid> Advertiser(HttpClient admin, string name = "Air Mauritius")
    {
        var response = await admin.PostAsync("/api/ads/advertisers", Api.JsonBody(new { name }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (Guid)(await response.ReadObject())["id"]!;
    }

    public static object Campaign(Guid advertiserId, string tag, string priority = "standard", long? goal = null, long? cap = null,
        string[]? slots = null, string[]? languages = null, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null) => new
    {
        advertiserId,
        name = $"Campaign {tag} {priority}",
        priority,
        startsAt = startsAt ?? DateTimeOffset.UtcNow.AddDays(-1),
        endsAt = endsAt ?? DateTimeOffset.UtcNow.AddDays(30),
        impressionGoal = goal,
        dailyImpressionCap = cap,
        targeting = new { slots = slots ?? new[] { "top" }, sections = Array.Empty<string>(), tags = new[] { tag }, languages = languages ?? Array.Empty<string>() },
    };

    public static object TextCreative(string slot = "top", string landingUrl = "https://airmauritius.example/offers") =>
        new { slot, kind = "text", text = "Fly to Rodrigues", landingUrl };

    /// <summary>A campaign with one text creative, activated: (id, its ETag).</summary>
    public static async Task<(Guid Id, string ETag)> Live(HttpClient client, object campaign, object? creative = null)
    {
        var created = await client.PostAsync("/api/ads/campaigns", Api.JsonBody(campaign));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (Guid)(await created.ReadObject())["id"]!;
        var withCreative = await client.PostAsync($"/api/ads/campaigns/{id}/creatives", Api.JsonBody(creative ?? TextCreative()));
        Assert.True(withCreative.StatusCode == HttpStatusCode.Created, await withCreative.Content.ReadAsStringAsync());
        var activated = await Act(client, id, "activate", withCreative.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        return (id, activated.Headers.ETag!.Tag);
    }

    public static Task<HttpResponseMessage> Act(HttpClient client, Guid id, string action, string? etag) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/ads/campaigns/{id}/{action}").WithIfMatch(etag));

    /// <summary>Waits for the deciding replica to see a campaign (it reloads its copy every second).</summary>
    public static Task<HttpResponseMessage> DecisionFor(HttpClient client, string query, Guid campaignId) =>
        Eventually.Until(() => client.GetAsync($"/api/ads/decision?{query}"),
            r => r.StatusCode == HttpStatusCode.OK && r.Content.ReadAsStringAsync().Result.Contains(campaignId.ToString()),
            TimeSpan.FromSeconds(20), $"a decision for campaign {campaignId}");

    public static async Task<JsonObject> Read(HttpClient client, Guid id) => await (await client.GetAsync($"/api/ads/campaigns/{id}")).ReadObject();
}
