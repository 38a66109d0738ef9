using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Comments.Threads;
using NewsPlatform.FunctionalTests.Infrastructure;
using NewsPlatform.Platform.Messaging;

namespace NewsPlatform.FunctionalTests.Foundation;

/// <summary>
/// One real event across two services: an article published through the gateway opens its comment thread
/// in the comments service, over the real RabbitMQ, with one trace from the request to the consumer.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PublishOpensThreadTests(PlatformFixture platform)
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Publishing_through_the_gateway_opens_the_thread_in_the_same_trace()
    {
        var consumed = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Consumer) consumed.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (id, etag) = await Newsroom.Draft(editor);

        var before = await reader.GetAsync($"/api/articles/{id}/comments");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);

        var traceId = ActivityTraceId.CreateRandom();
        var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{id}/publish") { Content = Api.JsonBody(new { at = (DateTimeOffset?)null }) }
            .WithIfMatch(etag);
        publish.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var published = await editor.SendAsync(publish);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var thread = await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}/comments"),
            r => r.StatusCode == HttpStatusCode.OK, MessageTimeout, "the thread opening");
        var page = await thread.ReadObject();
        Assert.Equal(0, (int)page["total"]!);
        Assert.Empty(page["items"]!.AsArray());

        var consumer = await Eventually.Until(() => Task.FromResult(consumed.FirstOrDefault(a => a.TraceId == traceId)),
            a => a is not null, MessageTimeout, "the consumer span of the publish trace");
        Assert.Equal(ActivityKind.Consumer, consumer!.Kind);
    }

    [Fact]
    public async Task A_publish_while_RabbitMQ_is_down_opens_the_thread_once_it_is_back()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (id, etag) = await Newsroom.Draft(editor);

        await TestEnvironment.Broker("stop");
        try
        {
            var published = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{id}/publish")
            {
                Content = Api.JsonBody(new { at = (DateTimeOffset?)null }),
            }.WithIfMatch(etag));
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);

            // The event is committed and waits in the store: nothing can carry it yet. Once the daemon has seen it
            // (its high-water mark passed the event), the relay has had its chance and still stands before it.
            using var analyst = platform.Client("analyst");
            var sequence = await Eventually.SequenceOf(analyst, "articles", id, "article_published");
            var projections = await Eventually.DaemonHasSeen(analyst, "articles", sequence, MessageTimeout);
            Assert.True(RelayProgress.PositionIn(projections) < sequence, "the relay passed an event it could not publish");
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/{id}/comments")).StatusCode);
        }
        finally
        {
            await TestEnvironment.Broker("start");
        }

        await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}/comments"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(120), "the thread opening after the outage");
    }

    [Fact]
    public async Task The_same_ArticlePublished_delivered_twice_opens_one_thread_without_error()
    {
        var articleId = Guid.CreateVersion7();
        var messageId = Guid.NewGuid();
        var message = new NewsPlatform.Contracts.ArticlePublished(articleId, "twice", "Twice", "", "world", ["x"], "en",
            DateTimeOffset.UtcNow, 2, false);

        var observer = new ConsumeCounter(messageId);
        var commentsBus = platform.Comments.Services.GetRequiredService<IBus>();
        using var handle = commentsBus.ConnectConsumeObserver(observer);

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await commentsBus.Publish(message, context => context.MessageId = messageId);
        }

        await Eventually.Until(() => Task.FromResult(observer.Consumed + observer.Faulted), n => n >= 2, MessageTimeout,
            "both deliveries");
        Assert.Equal(0, observer.Faulted);

        var store = platform.Comments.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(articleId);
        Assert.Single(events);
        Assert.IsType<ThreadOpened>(events[0].Data);
        var inbox = await session.Query<ProcessedMessage>().Where(m => m.Id.EndsWith(messageId.ToString("N"))).CountAsync();
        Assert.Equal(1, inbox);

        using var reader = platform.Client();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/articles/{articleId}/comments")).StatusCode);
    }

    private sealed class ConsumeCounter(Guid messageId) : IConsumeObserver
    {
        private int _consumed;
        private int _faulted;

        public int Consumed => Volatile.Read(ref _consumed);
        public int Faulted => Volatile.Read(ref _faulted);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId == messageId) Interlocked.Increment(ref _consumed);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            if (context.MessageId == messageId) Interlocked.Increment(ref _faulted);
            return Task.CompletedTask;
        }
    }
}
