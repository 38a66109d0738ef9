using System.Diagnostics;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>
/// A service run as its own process, as <c>./platform up</c> and a container run it, for what only a process shows:
/// a refusal to start, its exit code and what it wrote. (An in-process host that fails to start races its own
/// disposal, and the test would sometimes see an ObjectDisposedException instead of the refusal.)
/// </summary>
public static class ServiceProcess
{
    /// <summary>Runs <typeparamref name="TApp"/>'s assembly in Production with <paramref name="settings"/> until it exits.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync<TApp>(
        IReadOnlyDictionary<string, string?> settings, TimeSpan timeout)
    {
        var assembly = typeof(TApp).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { assembly },
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{TestEnvironment.FreePort()}";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(assembly)} was still running after {timeout}: it did not refuse to start.");
        }

        return (process.ExitCode, await output + await error);
    }
}
