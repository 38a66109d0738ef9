namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>Waits for an eventually consistent outcome (a message crossing RabbitMQ) within a bound.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        do
        {
            last = await probe();
            if (done(last)) return last;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s (last: {last}).");
    }
}
