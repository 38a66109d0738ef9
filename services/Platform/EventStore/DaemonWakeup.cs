using System.Diagnostics;
using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// Wakes the async daemon's high-water agent (and with it the outbox relay and any async projection) as soon as an
/// append has committed, without a NOTIFY inside the appending transaction (docs/decisions/0008).
/// <list type="bullet">
/// <item>In this process: <see cref="WakeDaemonAfterCommit"/> calls <see cref="Pulse"/> right after every commit that
/// appended events. The signal is sticky, so a commit that lands while the agent is busy still wakes its next wait.</item>
/// <item>Other processes (another replica holding the daemon, a seeding tool): after the commit, on a connection of its
/// own, one <c>pg_notify</c> is sent for all the commits that happened while the previous one was in flight. Such a
/// NOTIFY is its own tiny transaction, so PostgreSQL's global notify lock never sits in front of an append's commit.</item>
/// <item>The daemon's polling (<c>SlowPollingTime</c>) stays the floor, should a signal be lost.</item>
/// </list>
/// </summary>
public sealed class DaemonWakeup : IDaemonWakeup, IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly NpgsqlDataSource _signals;
    private readonly string _channel;
    private readonly string _processId = Guid.NewGuid().ToString("N");
    private readonly bool _wakeOtherProcesses;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _listenerStart = new();
    private int _pending;
    private int _announceRequested;
    private int _announcing;
    private Task? _listener;
    private int _disposed;

    private readonly TimeSpan _minimumInterval;
    private long _lastWoken;

    /// <param name="minimumInterval">
    /// The least time between two wake-ups: under a burst of appends the agent looks once per interval and takes what
    /// arrived meanwhile as one page, instead of one detection query per commit.
    /// </param>
    public DaemonWakeup(string connectionString, string schema, bool wakeOtherProcesses, ILogger<DaemonWakeup> logger,
        TimeSpan? minimumInterval = null)
    {
        _minimumInterval = minimumInterval ?? DefaultMinimumInterval;
        // A pool of its own, so that waking never waits behind the requests' connections (one LISTEN, one NOTIFY).
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = 4,
            MinPoolSize = 0,
            KeepAlive = 30,
            ApplicationName = $"{schema}-daemon-wakeup",
        };
        _signals = NpgsqlDataSource.Create(builder.ConnectionString);
        _channel = ChannelFor(schema);
        _wakeOtherProcesses = wakeOtherProcesses;
        _logger = logger;
    }

    public static readonly TimeSpan DefaultMinimumInterval = TimeSpan.Zero;

    /// <summary>The notification channel of a service's event store: one per schema, so services do not wake each other.</summary>
    public static string ChannelFor(string schema) => $"np_events_appended_{schema}";

    /// <summary>How many times this process has been woken by another one (for tests and the benchmark).</summary>
    public long WokenByOtherProcesses => Interlocked.Read(ref _wokenByOthers);

    private long _wokenByOthers;

    /// <summary>Wakes the agent of this process now, or at its next wait if it is busy.</summary>
    public void Pulse()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0) _wake.Release();
    }

    /// <summary>Called after a commit that appended events: wakes this process and, coalesced, the others.</summary>
    public void Appended()
    {
        Pulse();
        if (!_wakeOtherProcesses) return;
        Interlocked.Exchange(ref _announceRequested, 1);
        if (Interlocked.CompareExchange(ref _announcing, 1, 0) == 0) _ = AnnounceAsync();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        EnsureListening();
        var sinceWoken = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastWoken));
        if (sinceWoken < _minimumInterval) await Task.Delay(_minimumInterval - sinceWoken, token).ConfigureAwait(false);
        if (await _wake.WaitAsync(timeout, token).ConfigureAwait(false))
        {
            // Any commit before this point is visible to the detection that follows, so its pulse may be absorbed here.
            Volatile.Write(ref _pending, 0);
            Interlocked.Exchange(ref _lastWoken, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>
    /// Sends NOTIFYs one at a time: every commit that asks while one is in flight is covered by the next, so a burst of
    /// appends costs a handful of notifications, never one each.
    /// </summary>
    private async Task AnnounceAsync()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref _announceRequested, 0) == 1)
            {
                try
                {
                    await using var command = _signals.CreateCommand("select pg_notify($1, $2)");
                    command.Parameters.Add(new NpgsqlParameter { Value = _channel });
                    command.Parameters.Add(new NpgsqlParameter { Value = _processId });
                    await command.ExecuteNonQueryAsync(_lifetime.Token).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is not OperationCanceledException || !_lifetime.IsCancellationRequested)
                {
                    // The other processes fall back to polling; nothing the append has to know about.
                    _logger.LogDebug(failure, "Could not announce appended events on {Channel}", _channel);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            Volatile.Write(ref _announcing, 0);
            // A request that arrived after the inner loop ended but before the flag was cleared would be stranded.
            if (Volatile.Read(ref _announceRequested) == 0 || Interlocked.CompareExchange(ref _announcing, 1, 0) != 0) return;
        }
    }

    private void EnsureListening()
    {
        if (_listener is not null) return;
        lock (_listenerStart)
        {
            _listener ??= Task.Run(() => ListenAsync(_lifetime.Token));
        }
    }

    /// <summary>Only the process whose daemon runs listens (the agent calls <see cref="WaitAsync"/> only there).</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _signals.OpenConnectionAsync(ct).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {_channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                // A commit elsewhere may have happened while no one listened.
                Pulse();
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                _logger.LogWarning(failure, "Listening on {Channel} failed; the daemon polls until it listens again", _channel);
                try
                {
                    await Task.Delay(ReconnectDelay, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        // This process's own commits have pulsed already.
        if (e.Payload == _processId) return;
        Interlocked.Increment(ref _wokenByOthers);
        Pulse();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _lifetime.CancelAsync();
        if (_listener is not null)
        {
            try
            {
                await _listener.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Stopping: whatever the loop ended with no longer matters.
            }
        }

        await _signals.DisposeAsync();
        _lifetime.Dispose();
    }
}

/// <summary>Pulses <see cref="DaemonWakeup"/> after every committed session that appended events.</summary>
public sealed class WakeDaemonAfterCommit(DaemonWakeup wakeup) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any()) wakeup.Appended();
        return Task.CompletedTask;
    }
}
