using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.Platform.Hosting;

/// <summary>
/// Work a replica repeats on a timer (publish due stories, reload a cache, end campaigns, prune records): once at
/// start, then every <paramref name="interval"/>. A failed run is logged and the next one tries again, so a
/// database that is briefly away stops nothing for good. The timer runs on <paramref name="timer"/> (the system
/// clock unless the work follows a business clock that tests hold).
/// </summary>
public abstract class PeriodicWork(ILogger logger, TimeSpan interval, TimeProvider? timer = null) : BackgroundService
{
    /// <summary>The clock the timer runs on; work that reads the time reads this one.</summary>
    protected TimeProvider Clock { get; } = timer ?? TimeProvider.System;

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(interval, Clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "{Work} failed; the next run tries again", GetType().Name);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }
}
