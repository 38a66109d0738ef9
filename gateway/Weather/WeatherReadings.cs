using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace NewsPlatform.Gateway.Weather;

/// <summary>
/// The last reading of each place, refreshed lazily: a request that finds it older than
/// <see cref="WeatherOptions.RefreshInterval"/> starts one fetch (single flight per place; failed attempts count too,
/// so the provider is never asked more often). Only a place without any reading waits for that fetch; the others
/// answer with what they have. A failed fetch keeps the last reading, which stops being shown once it is older than
/// <see cref="WeatherOptions.MaxAge"/>.
/// </summary>
public sealed class WeatherReadings(OpenMeteoClient provider, IOptions<WeatherOptions> options, WeatherClock weatherClock,
    ILogger<WeatherReadings> logger)
{
    private sealed class PlaceState
    {
        public volatile WeatherReading? Last;
        public DateTimeOffset? LastAttempt;
        public Task Fetching = Task.CompletedTask;
    }

    private readonly ConcurrentDictionary<string, PlaceState> places = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The reading of a configured place if one younger than the maximum age is known, else null. Without any reading
    /// yet, waits for the first fetch at most <paramref name="firstReadingWait"/> (null: until it ends).
    /// </summary>
    public async Task<WeatherReading?> FreshAsync(string key, WeatherPlace place, TimeSpan? firstReadingWait, CancellationToken ct)
    {
        var state = places.GetOrAdd(key, _ => new PlaceState());
        var refresh = RefreshIfDue(key, place, state);
        if (state.Last is null && !refresh.IsCompleted)
        {
            if (firstReadingWait is { } wait) await Task.WhenAny(refresh, Task.Delay(wait, ct));
            else await refresh.WaitAsync(ct);
        }

        var last = state.Last;
        return last is not null && weatherClock.Time.GetUtcNow() - last.ObservedAt < options.Value.MaxAge ? last : null;
    }

    private Task RefreshIfDue(string key, WeatherPlace place, PlaceState state)
    {
        lock (state)
        {
            var now = weatherClock.Time.GetUtcNow();
            if (!state.Fetching.IsCompleted) return state.Fetching;
            if (state.LastAttempt is { } attempted && now - attempted < options.Value.RefreshInterval) return Task.CompletedTask;
            state.LastAttempt = now;
            // Not the reader's cancellation: the fetch serves every reader, and its own timeouts bound it.
            state.Fetching = Task.Run(() => FetchAsync(key, place, state));
            return state.Fetching;
        }
    }

    private async Task FetchAsync(string key, WeatherPlace place, PlaceState state)
    {
        try
        {
            var reading = await provider.CurrentAsync(place, CancellationToken.None);
            if (state.Last is not { } last || reading.ObservedAt >= last.ObservedAt) state.Last = reading;
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Weather for {Place} could not be fetched; keeping the last reading ({ObservedAt})",
                key, state.Last?.ObservedAt);
        }
    }
}
