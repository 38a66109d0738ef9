using System.Text.Json;

namespace NewsPlatform.UnitTests.Deployment;

/// <summary>
/// deploy/ports.env is the one place the local ports are defined: ./platform reads it, and each project's
/// launchSettings.json (F5, `dotnet run`) and the gateway's default routes must use the same port.
/// </summary>
public sealed class LocalPortsTests
{
    private static readonly IReadOnlyDictionary<string, string> Ports = Repository.EnvFile("deploy/ports.env");

    [Fact]
    public void Every_service_runs_from_an_ide_on_its_port_in_development()
    {
        var problems = new List<string>();
        foreach (var project in Repository.ServiceProjects())
        {
            var key = project.Name.ToUpperInvariant() + "_PORT";
            if (!Ports.TryGetValue(key, out var port))
            {
                problems.Add($"{project.Name}: no {key} in deploy/ports.env");
                continue;
            }

            var folder = Path.GetDirectoryName(Repository.PathOf(project.ProjectPath))!;
            var launch = Path.Combine(folder, "Properties", "launchSettings.json");
            if (!File.Exists(launch))
            {
                problems.Add($"{project.Name}: no Properties/launchSettings.json");
                continue;
            }

            using var settings = JsonDocument.Parse(File.ReadAllText(launch));
            foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
            {
                var url = profile.Value.TryGetProperty("applicationUrl", out var value) ? value.GetString() : null;
                if (url is null || !url.Split(';').All(u => new Uri(u).Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == port))
                    problems.Add($"{project.Name}: launch profile {profile.Name} listens on {url ?? "no applicationUrl"}, deploy/ports.env says {port}");
                var environment = profile.Value.TryGetProperty("environmentVariables", out var variables)
                                  && variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var name) ? name.GetString() : null;
                if (environment != "Development") problems.Add($"{project.Name}: launch profile {profile.Name} does not run in Development");
            }

            if (!File.Exists(Path.Combine(folder, "appsettings.Development.json"))) problems.Add($"{project.Name}: no appsettings.Development.json");
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_gateway_routes_to_each_service_on_its_port()
    {
        using var gateway = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("gateway/appsettings.json")));
        var clusters = gateway.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters");
        var problems = new List<string>();
        foreach (var cluster in clusters.EnumerateObject())
        {
            if (!Ports.TryGetValue(cluster.Name.ToUpperInvariant() + "_PORT", out var port)) continue;
            foreach (var destination in cluster.Value.GetProperty("Destinations").EnumerateObject())
            {
                var address = new Uri(destination.Value.GetProperty("Address").GetString()!);
                if (address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) != port)
                    problems.Add($"cluster {cluster.Name} → {address}, deploy/ports.env says {port}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
