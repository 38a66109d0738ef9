using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace NewsPlatform.UnitTests.Deployment;

/// <summary>The checkout these tests read: its service projects, its settings files and rendered manifests.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>
    /// Every process the solution runs, by the name it has everywhere (compose service, Deployment, ports file):
    /// each project under services/ except the shared ones, plus gateway/, web/ and newsroom/ when they exist.
    /// </summary>
    public static IReadOnlyList<ServiceProject> ServiceProjects()
    {
        var projects = new List<ServiceProject>();
        foreach (var folder in Directory.EnumerateDirectories(PathOf("services")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (name is "Platform" or "Contracts") continue;
            if (File.Exists(Path.Combine(folder, name + ".csproj"))) projects.Add(new(name.ToLowerInvariant(), $"services/{name}/{name}.csproj"));
        }

        foreach (var (folder, project) in new[] { ("gateway", "Gateway"), ("web", "Web"), ("newsroom", "Newsroom") })
        {
            var path = $"{folder}/{project}.csproj";
            if (File.Exists(PathOf(path))) projects.Add(new(folder, path));
        }

        return projects;
    }

    /// <summary>The services with a database, as ./platform names them (DATABASE_SERVICES): each has a schema run (docs/decisions/0021).</summary>
    public static IReadOnlyList<string> DatabaseServices()
    {
        var line = File.ReadLines(PathOf("platform")).Single(l => l.StartsWith("DATABASE_SERVICES=(", StringComparison.Ordinal));
        return line["DATABASE_SERVICES=(".Length..line.IndexOf(')', StringComparison.Ordinal)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>KEY=VALUE lines of a shell-sourced settings file (deploy/versions.env, deploy/ports.env).</summary>
    public static IReadOnlyDictionary<string, string> EnvFile(string relative) =>
        File.ReadAllLines(PathOf(relative))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Split('#')[0].Trim(), StringComparer.Ordinal);

    /// <summary>`kubectl kustomize` of an overlay, as YAML documents. kubectl is on CI's machine image.</summary>
    public static IReadOnlyList<YamlMappingNode> Kustomize(string overlay)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", PathOf($"deploy/k8s/overlays/{overlay}")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl could not be started");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {overlay} failed: {error.Result}");
        return Documents(output);
    }

    public static IReadOnlyList<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NewsPlatform.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}

internal sealed record ServiceProject(string Name, string ProjectPath);

/// <summary>Small readers over YamlDotNet's node model.</summary>
internal static class Yaml
{
    public static YamlNode? Get(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping) return null;
            node = Merged(mapping).GetValueOrDefault(key);
        }

        return node;
    }

    public static string? Text(this YamlNode? node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlMappingNode mapping ? Merged(mapping) : [];

    /// <summary>A mapping with YAML merge keys (<c>&lt;&lt;: *anchor</c>, as docker-compose.yml uses) applied.</summary>
    private static Dictionary<string, YamlNode> Merged(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: "<<" })
            {
                var sources = value is YamlSequenceNode list ? list.Children.OfType<YamlMappingNode>() : [(YamlMappingNode)value];
                foreach (var source in sources)
                {
                    foreach (var (k, v) in Merged(source)) result.TryAdd(k, v);
                }
            }
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && name != "<<") result[name] = value;
        }

        return result;
    }
}
