using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace NewsPlatform.UnitTests.Deployment;

/// <summary>
/// docker-compose.yml tells the truth about the platform: the same processes and server versions as ./platform
/// (deploy/versions.env), health checks that the start order waits on, replicas through deploy.replicas, and secrets
/// only from the git-ignored .env that .env.example describes.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = Repository.Documents(File.ReadAllText(Repository.PathOf("docker-compose.yml"))).Single();
    private static readonly IReadOnlyDictionary<string, YamlNode> Services = Compose.Entries("services").ToDictionary(e => e.Key, e => e.Value);
    private static readonly IReadOnlyDictionary<string, string> Versions = Repository.EnvFile("deploy/versions.env");

    [Fact]
    public void Every_service_project_is_a_compose_service_built_from_its_project_with_replicas()
    {
        var problems = new List<string>();
        foreach (var project in Repository.ServiceProjects())
        {
            if (!Services.TryGetValue(project.Name, out var service))
            {
                problems.Add($"{project.Name} ({project.ProjectPath}) is not a compose service");
                continue;
            }

            if (service.Text("build", "args", "PROJECT") != project.ProjectPath) problems.Add($"{project.Name} is not built from {project.ProjectPath}");
            if (service.Text("deploy", "replicas") is null) problems.Add($"{project.Name} has no deploy.replicas");
            if (service.Get("healthcheck", "test") is null) problems.Add($"{project.Name} has no health check");
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_servers_run_the_versions_of_the_platform_script()
    {
        Assert.Contains(". \"$ROOT/deploy/versions.env\"", File.ReadAllText(Repository.PathOf("platform")), StringComparison.Ordinal);

        Assert.Matches($"^postgres:{Versions["POSTGRES_MAJOR"]}(\\.|-|$)", Services["postgres"].Text("image"));
        var brokers = Services.Values.Select(s => s.Text("image")).Where(i => i?.StartsWith("rabbitmq:", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(brokers);
        Assert.All(brokers, image => Assert.Equal($"rabbitmq:{Versions["RABBITMQ_VERSION"]}", image));
        Assert.Equal($"mcr.microsoft.com/dotnet/aspire-dashboard:{Versions["DASHBOARD_VERSION"]}", Services["dashboard"].Text("image"));
        // ./platform fetches the dashboard through this project: the same version.
        Assert.Contains($"Version=\"[{Versions["DASHBOARD_VERSION"]}]\"", File.ReadAllText(Repository.PathOf("tools/dashboard/Dashboard.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_dependency_waits_on_a_condition_that_its_target_can_meet()
    {
        var problems = new List<string>();
        foreach (var (name, service) in Services)
        {
            foreach (var (target, dependency) in service.Entries("depends_on"))
            {
                var condition = dependency.Text("condition");
                if (!Services.TryGetValue(target, out var other)) problems.Add($"{name} depends on {target}, which is not a service");
                else if (condition is null) problems.Add($"{name} depends on {target} without a condition");
                else if (condition == "service_healthy" && other.Get("healthcheck", "test") is null)
                    problems.Add($"{name} waits for {target} to be healthy, but {target} has no health check");
                else if (condition == "service_started" && other.Get("healthcheck", "test") is not null && name != "web")
                    problems.Add($"{name} starts as soon as {target} has started although {target} has a health check (use service_healthy)");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_database_service_waits_for_its_schema_run_and_runs_as_the_rows_role()
    {
        var problems = new List<string>();
        foreach (var name in Repository.DatabaseServices())
        {
            if (!Services.TryGetValue(name, out var service) || !Services.TryGetValue(name + "-schema", out var schema))
            {
                problems.Add($"{name} or its one-shot {name}-schema is not a compose service");
                continue;
            }

            if (service.Text("depends_on", name + "-schema", "condition") != "service_completed_successfully")
                problems.Add($"{name} does not wait for {name}-schema with service_completed_successfully");
            if (service.Text("environment", "Database__SchemaChanges") != "Never") problems.Add($"{name} does not run with Database__SchemaChanges: Never");
            if (!(service.Text("environment", "ConnectionStrings__Postgres") ?? "").Contains($"Username={name};", StringComparison.Ordinal))
                problems.Add($"{name} does not connect as its rows role {name}");
            if (schema.Text("environment", "Database__SchemaChanges") != "ApplyAndExit") problems.Add($"{name}-schema does not run with Database__SchemaChanges: ApplyAndExit");
            if (!(schema.Text("environment", "ConnectionStrings__Postgres") ?? "").Contains($"Username={name}_schema;", StringComparison.Ordinal))
                problems.Add($"{name}-schema does not connect as the schema's owner {name}_schema");
            if (schema.Text("build", "args", "PROJECT") != service.Text("build", "args", "PROJECT")) problems.Add($"{name}-schema does not run {name}'s image");
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Secrets_come_only_from_the_git_ignored_env_file_that_env_example_describes()
    {
        var text = File.ReadAllText(Repository.PathOf("docker-compose.yml"));
        var problems = new List<string>();
        foreach (var (name, service) in Services)
        {
            foreach (var (variable, value) in service.Entries("environment"))
            {
                if (value is YamlScalarNode { Value: { } literal } && KubernetesManifestTests.LiteralSecret(variable, literal))
                {
                    problems.Add($"{name}: {variable} holds a literal secret");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var example = Repository.EnvFile(".env.example");
        var required = RequiredVariable().Matches(text).Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.NotEmpty(required);
        Assert.All(required, variable => Assert.True(example.ContainsKey(variable), $"{variable} is not in .env.example"));
        Assert.Contains(".env", File.ReadAllLines(Repository.PathOf(".gitignore")).Select(l => l.Trim()));
    }

    // ${NAME:?message} or ${NAME:?}: a value compose refuses to start without.
    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+):\?")]
    private static partial Regex RequiredVariable();
}
