using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Articles;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Articles;

/// <summary>A scheduled story goes live by itself, once, whatever happens to the replicas that should publish it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SchedulingTests(PlatformFixture platform)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_scheduled_story_goes_live_within_five_seconds_of_its_time_with_the_publish_events()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (id, etag) = await Newsroom.Draft(editor, Newsroom.Story("Scheduled soon", Newsroom.UniqueTag()));
        var at = DateTimeOffset.UtcNow.AddSeconds(2);

        var scheduled = await Newsroom.Act(editor, id, "publish", etag, new { at });
        var body = await scheduled.ReadObject();
        Assert.Equal("scheduled", (string)body["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/{id}")).StatusCode);

        await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}"), r => r.StatusCode == HttpStatusCode.OK,
            at - DateTimeOffset.UtcNow + Within, "the scheduled publication");
        Assert.Equal(1, await PublishedEventsOf(id));
        var history = await (await editor.GetAsync($"/api/articles/{id}/history")).ReadArray();
        Assert.Equal("scheduler", (string)history.Last()!["actor"]!);

        var thread = await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}/comments"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the thread the publication opens");
        Assert.Equal(HttpStatusCode.OK, thread.StatusCode);
    }

    [Fact]
    public async Task A_story_due_while_the_service_was_down_is_published_when_it_starts()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (id, etag) = await Newsroom.Draft(editor, Newsroom.Story("Due during the outage", Newsroom.UniqueTag()));
        await Newsroom.Act(editor, id, "publish", etag, new { at = DateTimeOffset.UtcNow.AddSeconds(2) });

        await platform.StopArticlesAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            platform.StartArticles();
        }

        await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}"), r => r.StatusCode == HttpStatusCode.OK,
            Within, "the publication on start");
        Assert.Equal(1, await PublishedEventsOf(id));
    }

    [Fact]
    public async Task Two_replicas_publish_each_scheduled_story_exactly_once()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        await using var replica = platform.StartService<ArticlesApp>();
        var at = DateTimeOffset.UtcNow.AddSeconds(2);
        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var (id, etag) = await Newsroom.Draft(editor, Newsroom.Story($"Race {i}", Newsroom.UniqueTag()));
            Assert.Equal(HttpStatusCode.OK, (await Newsroom.Act(editor, id, "publish", etag, new { at })).StatusCode);
            ids.Add(id);
        }

        foreach (var id in ids)
        {
            await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}"), r => r.StatusCode == HttpStatusCode.OK,
                at - DateTimeOffset.UtcNow + Within, "the publication");
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // let both schedulers run again
        foreach (var id in ids) Assert.Equal(1, await PublishedEventsOf(id));
    }

    [Fact]
    public async Task Scheduling_in_the_past_publishes_now_and_unpublish_cancels_a_schedule()
    {
        using var editor = platform.Client("editor");
        var (id, etag) = await Newsroom.Draft(editor, Newsroom.Story("Schedule then cancel", Newsroom.UniqueTag()));
        var scheduled = await Newsroom.Act(editor, id, "publish", etag, new { at = DateTimeOffset.UtcNow.AddHours(3) });
        var cancelled = await Newsroom.Act(editor, id, "unpublish", scheduled.Headers.ETag!.Tag);
        var body = await cancelled.ReadObject();
        Assert.Equal("draft", (string)body["status"]!);
        Assert.Null(body["scheduledFor"]);

        var past = await Newsroom.Act(editor, id, "publish", cancelled.Headers.ETag!.Tag, new { at = DateTimeOffset.UtcNow.AddMinutes(-5) });
        Assert.Equal("published", (string)(await past.ReadObject())["status"]!);
    }

    private async Task<int> PublishedEventsOf(Guid id)
    {
        await using var session = platform.Articles.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        return events.Count(e => e.EventTypeName == "article_published");
    }
}
