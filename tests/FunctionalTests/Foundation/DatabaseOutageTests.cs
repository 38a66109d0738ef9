using System.Net;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Foundation;

/// <summary>PostgreSQL dies mid-work: requests say so (503, nothing half-done) and the platform recovers by itself.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DatabaseOutageTests(PlatformFixture platform)
{
    [Fact]
    public async Task While_PostgreSQL_is_down_writes_answer_503_and_afterwards_everything_flows_again()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (id, etag) = await Newsroom.Draft(editor, Newsroom.Story("Before the outage", Newsroom.UniqueTag()));

        await TestEnvironment.Database("stop");
        try
        {
            var write = await editor.PostAsync("/api/articles", Api.JsonBody(Newsroom.Story("During the outage", "outage")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.Equal("application/problem+json", write.Content.Headers.ContentType!.MediaType);
            Assert.NotNull(write.Headers.RetryAfter);
        }
        finally
        {
            await TestEnvironment.Database("start");
        }

        // The connection pool, the async daemon and the relay come back without a restart.
        var published = await Eventually.Until(
            () => Newsroom.Act(editor, id, "publish", etag, new { at = (DateTimeOffset?)null }),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "a write after the outage");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(90), "the relay and the comments consumer after the outage");

        // Every service answers again; a request that meets a connection the restart killed gets 503 with
        // Retry-After (never a 500), and the service drops its dead connections at once.
        using var analyst = platform.Client("analyst");
        foreach (var prefix in new[] { "/api/articles", "/api/comments", "/api/localization", "/api/ads" })
        {
            var answer = await Eventually.Until(() => analyst.GetAsync($"{prefix}/events?limit=1"),
                r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), $"{prefix} after the outage");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        // The identity service too (Entity Framework, no event store): its next sign-in must not meet a dead connection.
        using var admin = platform.Client("admin");
        var users = await Eventually.Until(() => admin.GetAsync("/identity/api/users"),
            r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "identity after the outage");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }
}
