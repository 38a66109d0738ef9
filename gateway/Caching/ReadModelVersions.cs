using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace NewsPlatform.Gateway.Caching;

/// <summary>
/// The current read-model version of the services whose answers the gateway caches (docs/decisions/0024): what
/// every cache key carries. A reader's request may only use a version that was asked for <em>after</em> the request
/// began, or it could be answered from before a change its reader already saw elsewhere. Asking once per request
/// would cost each hit a call to the service, so readers share calls: a caller is answered by the last call if that
/// began after its request did, else by the call under way if that did, else by the next one, which starts when the
/// one under way ends and <paramref name="interval"/> after the one before began. Under load, each service gets at
/// most one call per interval from each gateway replica; a lone reader's call starts at once. A request that began
/// at the door before the site called back for its page (<see cref="ReaderRequests"/>) waits less, or not at all.
/// </summary>
/// <param name="interval">The least time between the starts of two calls to one service (<c>Gateway:ReadModelVersionInterval</c>).</param>
public sealed class ReadModelVersions(Func<string, CancellationToken, Task<string?>> ask, TimeSpan interval)
{
    private readonly ConcurrentDictionary<string, Owner> _owners = new(StringComparer.Ordinal);

    /// <summary>The version <paramref name="service"/> has now, from a call that began after this method was called; null if it could not say.</summary>
    public Task<string?> CurrentAsync(string service, CancellationToken ct) => CurrentAsync(service, Stopwatch.GetTimestamp(), ct);

    /// <summary>
    /// The version <paramref name="service"/> had at some moment after <paramref name="since"/> (a
    /// <see cref="Stopwatch.GetTimestamp"/> no later than now: when the reader's request began), from a call that began
    /// after it; null if it could not say.
    /// </summary>
    public Task<string?> CurrentAsync(string service, long since, CancellationToken ct)
    {
        var owner = _owners.GetOrAdd(service, name => new Owner(name));
        Task<string?> next;
        bool start;
        lock (owner)
        {
            if (owner.Last is { } last && last.Began >= since) return Task.FromResult(last.Version);
            if (owner.UnderWay is { } underWay && owner.LastStart >= since) return underWay.Task.WaitAsync(ct);

            owner.Next ??= new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            next = owner.Next.Task;
            start = !owner.Asking;
            owner.Asking = true;
        }

        if (start)
        {
            // Not on the caller's trace, nor with its cancellation: the call answers everyone who waits for it.
            using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => AskInTurnsAsync(owner));
        }

        return next.WaitAsync(ct);
    }

    /// <summary>Asks the service for as long as someone waits; each call answers those who were waiting when it began.</summary>
    private async Task AskInTurnsAsync(Owner owner)
    {
        while (true)
        {
            // Readers who arrive meanwhile join this call instead of making one each.
            var wait = interval - Stopwatch.GetElapsedTime(owner.LastStart);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);

            TaskCompletionSource<string?> waiting;
            long began;
            lock (owner)
            {
                if (owner.Next is null)
                {
                    owner.Asking = false;
                    return;
                }

                waiting = owner.Next;
                owner.Next = null;
                began = Stopwatch.GetTimestamp();
                owner.UnderWay = waiting;
                owner.LastStart = began;
            }

            string? version;
            try
            {
                using var quiet = SuppressInstrumentationScope.Begin();
                version = await ask(owner.Service, CancellationToken.None);
            }
            catch (Exception)
            {
                version = null; // the asker logs; the readers go past the cache
            }

            lock (owner)
            {
                owner.UnderWay = null;
                owner.Last = new Answered(began, version);
            }

            waiting.SetResult(version);
        }
    }

    /// <summary>A call's answer and when the call began.</summary>
    private sealed record Answered(long Began, string? Version);

    private sealed class Owner(string service)
    {
        public string Service { get; } = service;
        public TaskCompletionSource<string?>? Next { get; set; }
        public bool Asking { get; set; }

        /// <summary>The call under way (its waiters' answer); it began at <see cref="LastStart"/>.</summary>
        public TaskCompletionSource<string?>? UnderWay { get; set; }

        /// <summary>The last call's answer.</summary>
        public Answered? Last { get; set; }

        /// <summary>When the last call began (<see cref="Stopwatch.GetTimestamp"/>); none yet: long ago.</summary>
        public long LastStart { get; set; }
    }
}
