using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and RabbitMQ of the test profile are. <c>./platform test</c> starts them and
/// sets these variables; the defaults are the same ports, for a <c>dotnet test</c> run after it.
/// </summary>
public static class TestEnvironment
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("NP_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=56432;Username=postgres";

    public static string RabbitMq =>
        Environment.GetEnvironmentVariable("NP_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:56672/";

    /// <summary>
    /// The JWT key of this test run: random, since the services run as Production and refuse every key committed to the
    /// repository (NewsPlatform.Platform.Auth.CommittedKeys). No exemption for tests is needed, so none exists.
    /// </summary>
    public static readonly string SigningKey = RandomKey();

    /// <summary>The ad-token key of this test run, random for the same reason.</summary>
    public static readonly string AdTokenKey = RandomKey();

    /// <summary>64 hex digits: 32 random bytes, as <c>openssl rand -hex 32</c> gives them.</summary>
    public static string RandomKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Every service this test process starts reads its ad-token key from the environment (a setting a test passes still
    /// wins): the fixtures need no change, and no committed key is ever needed.
    /// </summary>
    [ModuleInitializer]
    internal static void UseThisRunsKeys()
    {
        if (Environment.GetEnvironmentVariable("Advertising__TokenKey") is null)
        {
            Environment.SetEnvironmentVariable("Advertising__TokenKey", AdTokenKey);
        }
    }

    public static string PlatformScript =>
        Environment.GetEnvironmentVariable("NP_PLATFORM_SCRIPT") ?? Path.Combine(RepositoryRoot(), "platform");

    /// <summary>
    /// A port no one listens on, for a host that binds it a little later. Chosen below the kernel's ephemeral range
    /// (<c>ip_local_port_range</c>): a port the kernel hands out as "any free port" is also what it gives the next
    /// outgoing connection, and a fresh-clone run saw one taken between the choice and the bind. Never the same
    /// port twice in a run.
    /// </summary>
    public static int FreePort()
    {
        var below = EphemeralLow();
        for (var attempt = 0; attempt < 1000 && below > 20_000; attempt++)
        {
            var port = Random.Shared.Next(20_000, below);
            lock (HandedOut)
            {
                if (!HandedOut.Add(port)) continue;
            }

            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: another
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>The first port of the kernel's ephemeral range (Linux), or 0 where it cannot be read.</summary>
    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range[0], System.Globalization.CultureInfo.InvariantCulture, out var low) ? low : 0;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>Runs <c>./platform rabbit stop|start</c> on the test profile: a real broker outage.</summary>
    public static Task Broker(string action) => Server("rabbit", action);

    /// <summary>Runs <c>./platform postgres stop|start</c> on the test profile: a real database outage.</summary>
    public static Task Database(string action) => Server("postgres", action);

    private static async Task Server(string server, string action)
    {
        var start = new ProcessStartInfo("bash", [PlatformScript, server, action])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NP_PROFILE"] = "test";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"platform {server} {action} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NewsPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
