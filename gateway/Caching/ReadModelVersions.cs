using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace NewsPlatform.Gateway.Caching;

/// <summary>
/// The current read-model version of the services whose answers the gateway caches (docs/decisions/0024): what
/// every cache key carries. A reader's request may only use a version that was asked for <em>after</em> the request
/// began, or it could be answered from before a change its reader already saw elsewhere. Asking once per request
/// would cost each hit a call to the service, so readers who arrive together share one: while a call is under way,
/// everyone arriving waits for the next one, which starts when it ends and <paramref name="interval"/> after the one
/// before began. Under load, each service gets at most one call per interval from each gateway replica, and a hit
/// waits for at most an interval and the call; a lone reader's call starts at once.
/// </summary>
/// <param name="interval">The least time between the starts of two calls to one service (<c>Gateway:ReadModelVersionInterval</c>).</param>
public sealed class ReadModelVersions(Func<string, CancellationToken, Task<string?>> ask, TimeSpan interval)
{
    private readonly ConcurrentDictionary<string, Owner> _owners = new(StringComparer.Ordinal);

    /// <summary>The version <paramref name="service"/> has now, from a call that began after this method was called; null if it could not say.</summary>
    public Task<string?> CurrentAsync(string service, CancellationToken ct)
    {
        var owner = _owners.GetOrAdd(service, name => new Owner(name));
        Task<string?> next;
        bool start;
        lock (owner)
        {
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
            lock (owner)
            {
                if (owner.Next is null)
                {
                    owner.Asking = false;
                    return;
                }

                waiting = owner.Next;
                owner.Next = null;
            }

            owner.LastStart = Stopwatch.GetTimestamp();

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

            waiting.SetResult(version);
        }
    }

    private sealed class Owner(string service)
    {
        public string Service { get; } = service;
        public TaskCompletionSource<string?>? Next { get; set; }
        public bool Asking { get; set; }

        /// <summary>When the last call began (<see cref="Stopwatch.GetTimestamp"/>); none yet: long ago.</summary>
        public long LastStart { get; set; }
    }
}
