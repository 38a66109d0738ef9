using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>
/// What the in-process hosts log at Warning and above, in one file per test run (<c>.data/test/logs/hosts.log</c>) and
/// in memory: a test that sees a 5xx can say which exception caused it, since the hosts' console output is not kept.
/// </summary>
public sealed class HostLog
{
    public static HostLog Instance { get; } = new();

    private const int Kept = 2_000;
    private readonly ConcurrentQueue<Entry> recent = new();
    private readonly Lock file = new();
    private readonly string path;

    private HostLog()
    {
        var directory = Path.Combine(TestEnvironment.RepositoryRoot(), ".data", "test", "logs");
        Directory.CreateDirectory(directory);
        path = Path.Combine(directory, "hosts.log");
    }

    public sealed record Entry(DateTimeOffset At, string Host, string Category, LogLevel Level, string Message, Exception? Exception)
    {
        public override string ToString() =>
            $"{At:HH:mm:ss.fff} {Host} {Level} {Category}: {Message}{(Exception is null ? "" : Environment.NewLine + Exception)}";
    }

    /// <summary>Errors and worse logged by any host since <paramref name="since"/>.</summary>
    public IReadOnlyList<Entry> ErrorsSince(DateTimeOffset since) => [.. recent.Where(e => e.At >= since && e.Level >= LogLevel.Error)];

    /// <summary>
    /// Warnings and worse logged by any host since <paramref name="since"/>: what a failing test prints to say why a
    /// page was not what it expected (a part a service did not answer is a warning, not an error).
    /// </summary>
    public IReadOnlyList<Entry> WarningsSince(DateTimeOffset since) => [.. recent.Where(e => e.At >= since)];

    /// <summary>The logger provider one host registers: its entries carry the host's name.</summary>
    public ILoggerProvider ProviderFor(string host) => new Provider(this, host);

    private void Write(Entry entry)
    {
        recent.Enqueue(entry);
        while (recent.Count > Kept) recent.TryDequeue(out _);

        lock (file) File.AppendAllText(path, entry + Environment.NewLine);
    }

    private sealed class Provider(HostLog log, string host) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, host, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(HostLog log, string host, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            log.Write(new Entry(DateTimeOffset.UtcNow, host, category, logLevel, formatter(state, exception), exception));
        }
    }
}
