using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>One service of the platform on a real Kestrel port, configured for the test database and broker.</summary>
public sealed class ServiceHost<TApp>(int port, IReadOnlyDictionary<string, string?> settings,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<TApp>
    where TApp : class
{
    public int Port { get; } = port;

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production"); // as ./platform up runs it: no developer exception page
        builder.ConfigureLogging(logging => logging.AddProvider(HostLog.Instance.ProviderFor($"{typeof(TApp).Name}:{Port}")));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // What a test replaces in the service's container (a clock it controls), after the service's own registrations.
        if (services is not null) builder.ConfigureServices(services);
    }

    public ServiceHost<TApp> Start()
    {
        UseKestrel(Port);
        StartServer();
        return this;
    }
}
