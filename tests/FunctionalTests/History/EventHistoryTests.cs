using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.History;

/// <summary>Analysts replay and export the event history of every service, as NDJSON through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class EventHistoryTests(PlatformFixture platform)
{
    [Fact]
    public async Task Analysts_read_the_articles_history_as_ndjson_filtered_and_resumable()
    {
        using var editor = platform.Client("editor");
        using var analyst = platform.Client("analyst");
        var (id, _, _) = await Newsroom.Published(editor, Newsroom.Story("Exported", Newsroom.UniqueTag()));

        var response = await analyst.GetAsync("/api/articles/events?types=article_drafted,article_published&limit=100000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.All(lines, l => Assert.Contains((string)l["type"]!, new[] { "article_drafted", "article_published" }));
        Assert.True(lines.Zip(lines.Skip(1)).All(p => (long)p.First["sequence"]! < (long)p.Second["sequence"]!));
        var mine = lines.Where(l => (Guid)l["streamId"]! == id).ToList();
        Assert.Equal(["article_drafted", "article_published"], mine.Select(l => (string)l["type"]!));
        Assert.Equal(2, (int)mine[1]["version"]!);
        Assert.Equal(id, (Guid)mine[1]["data"]!["articleId"]!);
        Assert.False(string.IsNullOrEmpty((string?)mine[1]["correlationId"]));

        var after = (long)mine[0]["sequence"]!;
        var resumed = (await (await analyst.GetAsync($"/api/articles/events?after={after}&limit=1")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True((long)JsonNode.Parse(Assert.Single(resumed))!["sequence"]! > after);
    }

    [Fact]
    public async Task Every_service_exposes_its_history_and_projections_to_analysts_only()
    {
        using var analyst = platform.Client("analyst");
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        foreach (var prefix in new[] { "/api/articles", "/api/comments", "/api/localization", "/api/ads" })
        {
            Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"{prefix}/events?limit=1")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"{prefix}/events")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"{prefix}/events")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"{prefix}/projections")).StatusCode);
        }

        var projections = await (await analyst.GetAsync("/api/articles/projections")).ReadArray();
        var relay = projections.Single(p => ((string)p!["name"]!).StartsWith("IntegrationEventRelay"));
        Assert.True((long)relay!["highWaterMark"]! >= (long)relay["position"]!);

        foreach (var bad in new[] { "after=-1", "limit=0", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "after=abc" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync($"/api/articles/events?{bad}")).StatusCode);
        }
    }

    [Fact]
    public async Task An_admin_rebuilds_a_projection_from_its_events_and_subscriptions_are_never_replayed()
    {
        using var editor = platform.Client("editor");
        using var analyst = platform.Client("analyst");
        using var admin = platform.Client("admin");
        using var reader = platform.Client();
        var (id, _, _) = await Newsroom.Published(editor, Newsroom.Story("Rebuilt from its events", Newsroom.UniqueTag()));

        var listed = await (await analyst.GetAsync("/api/articles/projections")).ReadArray();
        var article = listed.Single(p => (string)p!["name"]! == "Article")!;
        Assert.Equal("inline", (string)article["status"]!);

        // Damage the read model behind the service's back: only a replay of the events can repair it.
        var store = platform.Articles.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            var stored = await session.LoadAsync<NewsPlatform.Articles.Domain.Article>(id);
            session.Store(stored! with { Title = "Damaged" });
            await session.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/articles/projections/Article/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.PostAsync("/api/articles/projections/Article/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/articles/projections/NoSuchThing/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/api/articles/projections/IntegrationEventRelay/rebuild", null)).StatusCode);

        var accepted = await admin.PostAsync("/api/articles/projections/Article/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.EndsWith("/api/articles/projections", accepted.Headers.Location!.ToString());

        var repaired = await Eventually.Until(() => editor.GetAsync($"/api/articles/{id}"),
            r => r.StatusCode == HttpStatusCode.OK && r.Content.ReadAsStringAsync().Result.Contains("\"title\":\"Rebuilt from its events\""),
            TimeSpan.FromSeconds(60), "the rebuilt article");
        Assert.Equal("Rebuilt from its events", (string)(await repaired.ReadObject())["title"]!);
    }
    [Fact]
    public async Task The_comments_export_masks_names_emails_websites_and_IPs_and_other_services_export_theirs_whole()
    {
        using var editor = platform.Client("editor");
        using var analyst = platform.Client("analyst");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (articleId, _, _) = await Newsroom.Published(editor, Newsroom.Story("Exported with its comments", tag));
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{articleId}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the thread");
        var token = Guid.NewGuid().ToString("N");
        var posted = await reader.PostAsync($"/api/articles/{articleId}/comments", Api.JsonBody(new
        {
            authorName = $"Name{token[..8]}", authorEmail = $"{token}@example.mu", website = $"https://{token[..8]}.mu", body = $"Body {token}",
        }));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var commentId = (Guid)(await posted.ReadObject())["id"]!;

        var export = await (await analyst.GetAsync("/api/comments/events?types=comment_posted&limit=1000000")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(token[..8], export.Replace($"Body {token}", ""));
        Assert.DoesNotContain("127.0.0.1", export);
        var line = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())
            .Single(l => (Guid)l["streamId"]! == commentId);
        var data = line["data"]!;
        Assert.Equal(["[masked]", "[masked]", "[masked]", "[masked]"],
            new[] { "authorName", "authorEmail", "website", "ip" }.Select(f => (string)data[f]!));
        Assert.Equal($"Body {token}", (string)data["body"]!);
        Assert.Equal(articleId, (Guid)data["articleId"]!);

        // Another service registers no masks: its export is whole.
        var articles = await (await analyst.GetAsync("/api/articles/events?types=article_drafted&limit=1000000")).Content.ReadAsStringAsync();
        Assert.Contains("Exported with its comments", articles);
    }
}
