using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace NewsPlatform.UnitTests.Deployment;

/// <summary>
/// deploy/k8s rendered as a cluster would receive it (`kubectl kustomize` of each overlay), checked for what the
/// platform needs of every service: the health probes on its paths, resources, a non-root read-only pod, a pinned
/// image, secrets by reference only, one autoscaler, and a gateway that survives the loss of a pod.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_of_the_solution_has_a_hardened_deployment_with_both_probes(string overlay)
    {
        var documents = Repository.Kustomize(overlay);
        var problems = new List<string>();
        foreach (var service in Repository.ServiceProjects())
        {
            var deployment = Find(documents, "Deployment", service.Name);
            if (deployment is null)
            {
                problems.Add($"{service.Name} ({service.ProjectPath}) has no Deployment");
                continue;
            }

            problems.AddRange(DeploymentProblems(deployment).Select(p => $"{service.Name}: {p}"));
        }

        Assert.True(problems.Count == 0, $"overlay {overlay}:\n" + string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_secret_value_is_written_in_the_manifests(string overlay)
    {
        var documents = Repository.Kustomize(overlay);
        var problems = new List<string>();
        foreach (var document in documents)
        {
            var kind = document.Text("kind");
            var name = document.Text("metadata", "name");
            if (kind == "Secret" && (document.Get("data") is not null || document.Get("stringData") is not null))
            {
                problems.Add($"Secret {name} carries values (only references belong in the repository)");
            }

            foreach (var container in Containers(document))
            {
                foreach (var env in container.Items("env"))
                {
                    var variable = env.Text("name") ?? "";
                    var value = env.Text("value");
                    if (value is not null && LiteralSecret(variable, value))
                    {
                        problems.Add($"{kind} {name}: {variable} holds a literal secret");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, $"overlay {overlay}:\n" + string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_gateway_runs_at_least_two_replicas_behind_an_ingress(string overlay)
    {
        var documents = Repository.Kustomize(overlay);

        var gateway = Find(documents, "Deployment", "gateway");
        Assert.NotNull(gateway);
        Assert.True(int.Parse(gateway.Text("spec", "replicas") ?? "1") >= 2, "the gateway Deployment has fewer than 2 replicas");
        var autoscaler = Find(documents, "HorizontalPodAutoscaler", "gateway");
        Assert.NotNull(autoscaler);
        Assert.True(int.Parse(autoscaler.Text("spec", "minReplicas") ?? "1") >= 2, "the gateway's autoscaler may go below 2 replicas");
        Assert.Contains(documents, d => d.Text("kind") == "Ingress"
            && d.Items("spec", "rules").SelectMany(r => r.Items("http", "paths")).Any(p => p.Text("backend", "service", "name") == "gateway"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Each_deployment_has_one_autoscaler_and_a_disruption_budget(string overlay)
    {
        var documents = Repository.Kustomize(overlay);
        var problems = new List<string>();
        foreach (var service in Repository.ServiceProjects())
        {
            // Two autoscalers on one Deployment would set its replicas against each other; KEDA makes its own HPA.
            var scalers = documents.Count(d => d.Text("kind") == "HorizontalPodAutoscaler" && d.Text("spec", "scaleTargetRef", "name") == service.Name)
                          + documents.Count(d => d.Text("kind") == "ScaledObject" && d.Text("spec", "scaleTargetRef", "name") == service.Name);
            if (scalers != 1) problems.Add($"{service.Name} has {scalers} autoscalers (HorizontalPodAutoscaler or KEDA ScaledObject), not 1");
            if (!documents.Any(d => d.Text("kind") == "PodDisruptionBudget"
                                    && d.Text("spec", "selector", "matchLabels", "app.kubernetes.io/name") == service.Name))
            {
                problems.Add($"{service.Name} has no PodDisruptionBudget");
            }
        }

        Assert.True(problems.Count == 0, $"overlay {overlay}:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Production_replicates_the_database_and_the_broker_and_declares_quorum_queues()
    {
        var documents = Repository.Kustomize("prod");
        var versions = Repository.EnvFile("deploy/versions.env");

        var postgres = documents.Single(d => d.Text("kind") == "Cluster" && d.Text("apiVersion")!.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal));
        Assert.Equal("3", postgres.Text("spec", "instances"));
        Assert.StartsWith($":{versions["POSTGRES_MAJOR"]}.", postgres.Text("spec", "imageName")![postgres.Text("spec", "imageName")!.LastIndexOf(':')..], StringComparison.Ordinal);
        var broker = documents.Single(d => d.Text("kind") == "RabbitmqCluster");
        Assert.Equal("3", broker.Text("spec", "replicas"));
        Assert.Equal($"rabbitmq:{versions["RABBITMQ_VERSION"]}", broker.Text("spec", "image"));
        var settings = Find(documents, "ConfigMap", "platform-settings");
        Assert.Equal("true", settings.Text("data", "Messaging__QuorumQueues"));

        // Writers reach the primary through CloudNativePG's -rw service; nothing that writes uses -ro.
        foreach (var service in Repository.ServiceProjects())
        {
            var connection = Containers(Find(documents, "Deployment", service.Name)!)
                .SelectMany(c => c.Items("env")).FirstOrDefault(e => e.Text("name") == "ConnectionStrings__Postgres").Text("value");
            if (connection is not null) Assert.Contains("Host=newsplatform-pg-rw;", connection, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_database_service_runs_without_schema_rights_after_a_schema_job_as_the_owner(string overlay)
    {
        var documents = Repository.Kustomize(overlay);
        var problems = new List<string>();
        foreach (var name in Repository.DatabaseServices())
        {
            var deployment = Find(documents, "Deployment", name);
            var env = Containers(deployment!).SelectMany(c => c.Items("env")).ToList();
            if (env.FirstOrDefault(e => e.Text("name") == "Database__SchemaChanges").Text("value") != "Never")
                problems.Add($"Deployment {name} does not run with Database__SchemaChanges=Never");
            if (env.Any(e => e.Text("valueFrom", "secretKeyRef", "name") == $"np-{name}-schema-postgres"))
                problems.Add($"Deployment {name} is given the schema owner's secret");

            var job = documents.FirstOrDefault(d => d.Text("kind") == "Job" && d.Text("metadata", "labels", "newsplatform/schema-of") == name);
            if (job is null)
            {
                problems.Add($"no schema Job for {name}");
                continue;
            }

            var jobContainers = Containers(job).ToList();
            var jobEnv = jobContainers.SelectMany(c => c.Items("env")).ToList();
            if (jobEnv.FirstOrDefault(e => e.Text("name") == "Database__SchemaChanges").Text("value") != "ApplyAndExit")
                problems.Add($"the schema Job of {name} does not run with Database__SchemaChanges=ApplyAndExit");
            if (!jobEnv.Any(e => e.Text("valueFrom", "secretKeyRef", "name") == $"np-{name}-schema-postgres"))
                problems.Add($"the schema Job of {name} does not connect with the owner's secret np-{name}-schema-postgres");
            if (jobContainers.Select(c => c.Text("image")).FirstOrDefault() != Containers(deployment!).Select(c => c.Text("image")).FirstOrDefault())
                problems.Add($"the schema Job of {name} does not run the Deployment's image");
        }

        Assert.True(problems.Count == 0, $"overlay {overlay}:\n" + string.Join('\n', problems));
    }

    private static IEnumerable<string> DeploymentProblems(YamlMappingNode deployment)
    {
        var pod = deployment.Get("spec", "template", "spec");
        if (pod.Text("securityContext", "runAsNonRoot") != "true") yield return "the pod does not set runAsNonRoot: true";
        var writable = pod.Items("volumes").Where(v => v.Get("emptyDir") is not null).Select(v => v.Text("name")).ToHashSet();
        var containers = Containers(deployment).ToList();
        if (containers.Count == 0) yield return "no container";
        foreach (var container in containers)
        {
            var name = container.Text("name");
            if (container.Text("livenessProbe", "httpGet", "path") != "/health/live") yield return $"container {name}: no liveness probe on /health/live";
            if (container.Text("readinessProbe", "httpGet", "path") != "/health/ready") yield return $"container {name}: no readiness probe on /health/ready";
            if (container.Text("resources", "requests", "cpu") is null || container.Text("resources", "requests", "memory") is null)
                yield return $"container {name}: no CPU and memory requests";
            if (container.Text("resources", "limits", "memory") is null) yield return $"container {name}: no memory limit";
            var security = container.Get("securityContext");
            if (security.Text("readOnlyRootFilesystem") != "true") yield return $"container {name}: root file system not read-only";
            if (security.Text("allowPrivilegeEscalation") != "false") yield return $"container {name}: privilege escalation allowed";
            if (!security.Items("capabilities", "drop").Select(c => (c as YamlScalarNode)?.Value).Contains("ALL"))
                yield return $"container {name}: capabilities not all dropped";
            if (!container.Items("volumeMounts").Any(m => m.Text("mountPath") == "/tmp" && writable.Contains(m.Text("name"))))
                yield return $"container {name}: no writable emptyDir on /tmp";
            var image = container.Text("image") ?? "";
            if (!PinnedImage().IsMatch(image)) yield return $"container {name}: image '{image}' is not pinned to a version (registry/name:version[@sha256:…], never latest)";
        }
    }

    private static IEnumerable<YamlNode> Containers(YamlNode document) =>
        document.Items("spec", "template", "spec", "containers").Concat(document.Items("spec", "template", "spec", "initContainers"));

    private static YamlMappingNode? Find(IEnumerable<YamlMappingNode> documents, string kind, string name) =>
        documents.FirstOrDefault(d => d.Text("kind") == kind && d.Text("metadata", "name") == name);

    /// <summary>A value that carries a secret itself rather than referring to one (<c>$(VAR)</c> from a secretKeyRef).</summary>
    internal static bool LiteralSecret(string variable, string value)
    {
        var withoutReferences = Reference().Replace(value, "");
        // A …File setting names where a secret is written or read (Identity__FirstAdmin__PasswordFile), not the secret.
        var path = variable.EndsWith("File", StringComparison.Ordinal) && withoutReferences.StartsWith('/');
        if (SecretName().IsMatch(variable) && !path && withoutReferences.Trim().Length > 0) return true;
        if (PasswordInConnectionString().IsMatch(withoutReferences)) return true;
        return UrlCredentials().IsMatch(withoutReferences);
    }

    // registry/…/name:version (a version with a digit, never latest), with an optional @sha256 digest.
    [GeneratedRegex(@"^[a-z0-9.\-]+(?:/[a-z0-9._\-]+)+:(?!latest\b)[A-Za-z0-9._\-]*[0-9][A-Za-z0-9._\-]*(?:@sha256:[0-9a-f]{64})?$|^[a-z0-9._\-]+:(?!latest\b)[A-Za-z0-9._\-]*[0-9][A-Za-z0-9._\-]*(?:@sha256:[0-9a-f]{64})?$")]
    private static partial Regex PinnedImage();

    [GeneratedRegex(@"\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?][^}]*)?\}")]
    internal static partial Regex Reference();

    [GeneratedRegex("(?i)(password|secret|signingkey|tokenkey|apikey|api-key|api_key|privatekey)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(password|pwd)\s*=\s*[^;\s]")]
    private static partial Regex PasswordInConnectionString();

    [GeneratedRegex(@"://[^/@\s]*:[^/@\s]+@")]
    private static partial Regex UrlCredentials();
}
