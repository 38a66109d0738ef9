using NewsPlatform.Gateway.Caching;

namespace NewsPlatform.UnitTests.Gateway;

/// <summary>
/// The gateway's read-model versions (docs/decisions/0024): a caller is answered only by a call to the service that
/// began after it asked, and callers who arrive together share one call.
/// </summary>
public sealed class ReadModelVersionsTests
{
    /// <summary>A service whose answers the test releases one by one; each call answers with its number.</summary>
    private sealed class Service
    {
        private readonly List<TaskCompletionSource<string?>> _calls = [];
        private readonly SemaphoreSlim _began = new(0);

        public int Calls { get { lock (_calls) return _calls.Count; } }

        public Task<string?> Ask(string service, CancellationToken ct)
        {
            var call = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_calls) _calls.Add(call);
            _began.Release();
            return call.Task;
        }

        public async Task Began() => Assert.True(await _began.WaitAsync(TimeSpan.FromSeconds(10)), "a call to the service");

        public void Answer(int call, string? version) { lock (_calls) _calls[call].SetResult(version); }

        public void Fail(int call) { lock (_calls) _calls[call].SetException(new HttpRequestException("down")); }
    }

    [Fact]
    public async Task A_caller_who_asks_while_a_call_is_under_way_is_answered_by_the_next_call()
    {
        var service = new Service();
        var versions = new ReadModelVersions(service.Ask, TimeSpan.Zero);

        var first = versions.CurrentAsync("articles", CancellationToken.None);
        await service.Began();
        var second = versions.CurrentAsync("articles", CancellationToken.None); // the service may have changed since call 0 began
        service.Answer(0, "7");
        Assert.Equal("7", await first);
        await service.Began();
        Assert.False(second.IsCompleted);
        service.Answer(1, "8");
        Assert.Equal("8", await second);
        Assert.Equal(2, service.Calls);
    }

    [Fact]
    public async Task Callers_who_arrive_during_one_call_share_the_next()
    {
        var service = new Service();
        var versions = new ReadModelVersions(service.Ask, TimeSpan.Zero);

        var first = versions.CurrentAsync("articles", CancellationToken.None);
        await service.Began();
        var waiting = Enumerable.Range(0, 50).Select(_ => versions.CurrentAsync("articles", CancellationToken.None)).ToList();
        service.Answer(0, "1");
        await service.Began();
        service.Answer(1, "2");

        Assert.Equal("1", await first);
        Assert.All(await Task.WhenAll(waiting), version => Assert.Equal("2", version));
        Assert.Equal(2, service.Calls);
    }

    [Fact]
    public async Task Each_service_is_asked_on_its_own()
    {
        var service = new Service();
        var versions = new ReadModelVersions(service.Ask, TimeSpan.Zero);

        var articles = versions.CurrentAsync("articles", CancellationToken.None);
        await service.Began();
        var comments = versions.CurrentAsync("comments", CancellationToken.None);
        await service.Began(); // not held back behind the articles call
        service.Answer(1, "c");
        Assert.Equal("c", await comments);
        service.Answer(0, "a");
        Assert.Equal("a", await articles);
    }

    [Fact]
    public async Task A_failed_call_answers_null_and_the_next_caller_asks_again()
    {
        var service = new Service();
        var versions = new ReadModelVersions(service.Ask, TimeSpan.Zero);

        var failed = versions.CurrentAsync("articles", CancellationToken.None);
        await service.Began();
        service.Fail(0);
        Assert.Null(await failed);

        var next = versions.CurrentAsync("articles", CancellationToken.None);
        await service.Began();
        service.Answer(1, "3");
        Assert.Equal("3", await next);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_stop_the_others()
    {
        var service = new Service();
        var versions = new ReadModelVersions(service.Ask, TimeSpan.Zero);
        using var gone = new CancellationTokenSource();

        var first = versions.CurrentAsync("articles", gone.Token);
        await service.Began();
        var second = versions.CurrentAsync("articles", CancellationToken.None);
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        service.Answer(0, "5");
        await service.Began();
        service.Answer(1, "6");
        Assert.Equal("6", await second);
    }

    [Fact]
    public async Task Calls_to_one_service_start_no_closer_than_the_interval()
    {
        var service = new Service();
        var interval = TimeSpan.FromMilliseconds(200);
        var versions = new ReadModelVersions(service.Ask, interval);

        var first = versions.CurrentAsync("articles", CancellationToken.None);
        await service.Began();
        var began = System.Diagnostics.Stopwatch.StartNew();
        service.Answer(0, "1");
        Assert.Equal("1", await first);

        var second = versions.CurrentAsync("articles", CancellationToken.None);
        await service.Began();
        Assert.True(began.Elapsed >= interval - TimeSpan.FromMilliseconds(20), $"the second call began {began.Elapsed.TotalMilliseconds} ms after the first");
        service.Answer(1, "2");
        Assert.Equal("2", await second);
    }

    [Fact]
    public async Task A_caller_whose_request_began_before_the_call_under_way_began_shares_that_call()
    {
        var service = new Service();
        var versions = new ReadModelVersions(service.Ask, TimeSpan.Zero);
        var began = System.Diagnostics.Stopwatch.GetTimestamp(); // the reader's request, at the door

        var first = versions.CurrentAsync("articles", CancellationToken.None);
        await service.Began();
        var site = versions.CurrentAsync("articles", began, CancellationToken.None);
        var later = versions.CurrentAsync("articles", CancellationToken.None); // began after call 0 did: not answered by it
        service.Answer(0, "7");
        Assert.Equal("7", await first);
        Assert.Equal("7", await site);
        await service.Began();
        Assert.False(later.IsCompleted);
        service.Answer(1, "8");
        Assert.Equal("8", await later);
        Assert.Equal(2, service.Calls);
    }

    [Fact]
    public async Task A_caller_whose_request_began_before_the_last_call_began_is_answered_at_once()
    {
        var service = new Service();
        var versions = new ReadModelVersions(service.Ask, TimeSpan.Zero);
        var beforeTheCall = System.Diagnostics.Stopwatch.GetTimestamp();

        var first = versions.CurrentAsync("articles", CancellationToken.None);
        await service.Began();
        var afterTheCallBegan = System.Diagnostics.Stopwatch.GetTimestamp();
        service.Answer(0, "4");
        Assert.Equal("4", await first);

        var answered = versions.CurrentAsync("articles", beforeTheCall, CancellationToken.None);
        Assert.True(answered.IsCompletedSuccessfully);
        Assert.Equal("4", await answered);
        Assert.Equal(1, service.Calls);

        // A request that began after the last call did is answered by a new one.
        var fresh = versions.CurrentAsync("articles", afterTheCallBegan, CancellationToken.None);
        await service.Began();
        service.Answer(1, "5");
        Assert.Equal("5", await fresh);
    }
}
