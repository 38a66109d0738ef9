using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.Articles;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Publishing;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Articles;

/// <summary>
/// A scheduled story goes live by itself, once, whatever happens to the replicas that should publish it.
/// Stories are scheduled ten minutes ahead through the gateway (the suite's own articles service, on the real clock,
/// does not get there while a test runs; other tests schedule theirs hours or days ahead, past the held clocks), and
/// replicas of the articles service whose clock the test holds do the publishing: no test depends on how long a
/// request or a timer takes.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SchedulingTests(PlatformFixture platform)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>A time ahead of every request of the test, in whole seconds (the store keeps microseconds, not ticks).</summary>
    private static DateTimeOffset Ahead()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(10);
        return at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>A replica of the articles service on <paramref name="clock"/>; its timer looks every <paramref name="interval"/>.</summary>
    private ServiceHost<ArticlesApp> ReplicaOn(FakeTimeProvider clock, TimeSpan interval) =>
        platform.StartService<ArticlesApp>(
            overrides: new Dictionary<string, string?> { ["Articles:SchedulerInterval"] = interval.ToString("c") },
            services: s => s.AddSingleton<TimeProvider>(clock));

    private static ScheduledPublisher SchedulerOf(ServiceHost<ArticlesApp> replica) =>
        replica.Services.GetServices<IHostedService>().OfType<ScheduledPublisher>().Single();

    /// <summary>Drafts first, then schedules each for <paramref name="at"/>, which is in the future of every request.</summary>
    private async Task<List<Guid>> ScheduledStories(HttpClient editor, int count, DateTimeOffset at, string title)
    {
        var drafts = new List<(Guid Id, string ETag)>();
        for (var i = 0; i < count; i++)
        {
            // French: a story published on a held clock carries that (future) time, and the English feed's order is tested elsewhere.
            drafts.Add(await Newsroom.Draft(editor, Newsroom.Story($"{title} {i}", Newsroom.UniqueTag(), language: "fr")));
        }

        foreach (var (id, etag) in drafts)
        {
            var scheduled = await Newsroom.Act(editor, id, "publish", etag, new { at });
            Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
            Assert.Equal("scheduled", (string)(await scheduled.ReadObject())["status"]!);
        }

        return [.. drafts.Select(d => d.Id)];
    }

    /// <summary>Takes the stories a held clock published off the site again, so that their future time leads no list.</summary>
    private static async Task Withdraw(HttpClient editor, IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            var current = await editor.GetAsync($"/api/articles/{id}");
            if ((string?)(await current.ReadObject())["status"] == "published")
            {
                await Newsroom.Act(editor, id, "unpublish", current.Headers.ETag!.Tag, new { reason = "test over" });
            }
        }
    }

    private static async Task<string> StatusOf(HttpClient editor, Guid id) =>
        (string)(await (await editor.GetAsync($"/api/articles/{id}")).ReadObject())["status"]!;

    [Fact]
    public async Task A_scheduled_story_goes_live_by_itself_when_its_time_comes_with_the_publish_events()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var at = Ahead();
        var id = Assert.Single(await ScheduledStories(editor, 1, at, "Scheduled soon"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/{id}")).StatusCode);

        var clock = new FakeTimeProvider(at.AddSeconds(-1));
        await using var replica = ReplicaOn(clock, TimeSpan.FromMilliseconds(100));
        try
        {
            // A second before its time, a look at the schedule (the test's own, after the timer's) leaves it alone.
            Assert.Equal(0, await SchedulerOf(replica).PublishDueAsync(CancellationToken.None));
            Assert.Equal("scheduled", await StatusOf(editor, id));

            // Its time comes: the replica's timer publishes it, with no help from the test.
            clock.Advance(TimeSpan.FromSeconds(1));
            await Eventually.Until(() => StatusOf(editor, id), s => s == "published", Bound, "the scheduled publication");
            Assert.Equal(1, await PublishedEventsOf(id));
            var history = await (await editor.GetAsync($"/api/articles/{id}/history")).ReadArray();
            Assert.Equal(("article_published", "scheduler"), ((string)history.Last()!["type"]!, (string)history.Last()!["actor"]!));
            Assert.Equal(at, history.Last()!["data"]!["publishedAt"]!.GetValue<DateTimeOffset>());

            await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}"), r => r.StatusCode == HttpStatusCode.OK, Bound,
                "the story reaching readers");
            await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}/comments"), r => r.StatusCode == HttpStatusCode.OK,
                Bound, "the thread the publication opens");
        }
        finally
        {
            await Withdraw(editor, [id]);
        }
    }

    [Fact]
    public async Task A_story_due_while_the_service_was_down_is_published_when_it_starts()
    {
        using var editor = platform.Client("editor");
        var at = Ahead();
        var id = Assert.Single(await ScheduledStories(editor, 1, at, "Due during the outage"));

        // A replica that starts after the story fell due, whose timer would not look again for an hour: only the
        // look it takes on start can publish the story.
        await using var replica = ReplicaOn(new FakeTimeProvider(at.AddMinutes(10)), TimeSpan.FromHours(1));
        try
        {
            await Eventually.Until(() => StatusOf(editor, id), s => s == "published", Bound, "the publication on start");
            Assert.Equal(1, await PublishedEventsOf(id));
        }
        finally
        {
            await Withdraw(editor, [id]);
        }
    }

    [Fact]
    public async Task Two_replicas_publish_each_scheduled_story_exactly_once()
    {
        using var editor = platform.Client("editor");
        var at = Ahead();
        var ids = await ScheduledStories(editor, 8, at, "Race");

        // Two replicas on one held clock, before the stories' time; their timers look on start, then not for an hour.
        var clock = new FakeTimeProvider(at.AddMinutes(-1));
        await using var first = ReplicaOn(clock, TimeSpan.FromHours(1));
        await using var second = ReplicaOn(clock, TimeSpan.FromHours(1));
        try
        {
            foreach (var id in ids) Assert.Equal("scheduled", await StatusOf(editor, id));

            // The time comes for both at once, and both look at the same moment.
            clock.Advance(TimeSpan.FromMinutes(2));
            var published = await Task.WhenAll(SchedulerOf(first).PublishDueAsync(CancellationToken.None),
                SchedulerOf(second).PublishDueAsync(CancellationToken.None));

            // A replica's own look on start may have read the clock after it moved and taken a share; between
            // them all, each story went out once.
            Assert.InRange(published.Sum(), 0, ids.Count);
            foreach (var id in ids)
            {
                Assert.Equal("published", await StatusOf(editor, id));
                Assert.Equal(1, await PublishedEventsOf(id));
            }

            // Looking again publishes nothing more, on either replica.
            var again = await Task.WhenAll(SchedulerOf(first).PublishDueAsync(CancellationToken.None),
                SchedulerOf(second).PublishDueAsync(CancellationToken.None));
            Assert.Equal(0, again.Sum());
            foreach (var id in ids) Assert.Equal(1, await PublishedEventsOf(id));
        }
        finally
        {
            await Withdraw(editor, ids);
        }
    }

    [Fact]
    public async Task A_scheduled_story_that_lost_its_body_is_unscheduled_at_its_time_instead_of_published()
    {
        using var editor = platform.Client("editor");
        var at = Ahead();
        var id = Assert.Single(await ScheduledStories(editor, 1, at, "Emptied"));

        // The edit rules refuse to empty a scheduled story, so write the emptied stream as an older version of the
        // service could have: straight into the store.
        var store = platform.Articles.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(id, new ArticleEdited(id, "Emptied", "", "", "politics", ["x"], ["Test Reporter"], false, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var clock = new FakeTimeProvider(at.AddMinutes(-1));
        await using var replica = ReplicaOn(clock, TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await SchedulerOf(replica).PublishDueAsync(CancellationToken.None));

        var article = await (await editor.GetAsync($"/api/articles/{id}")).ReadObject();
        Assert.Equal("draft", (string)article["status"]!);
        Assert.Null(article["scheduledFor"]);
        Assert.Equal(0, await PublishedEventsOf(id));
        var last = (await (await editor.GetAsync($"/api/articles/{id}/history")).ReadArray()).Last()!;
        Assert.Equal(("article_unscheduled", "scheduler"), ((string)last["type"]!, (string)last["actor"]!));
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
