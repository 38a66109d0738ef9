using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting.Internal;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.UnitTests.Platform;

public sealed class SigningKeyPolicyTests
{
    private const string CommittedJwtKey = "newsplatform-development-signing-key-change-me-0001";

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void A_committed_key_is_refused_outside_development_and_testing(string environment)
    {
        var problem = SigningKeyPolicy.Problem(CommittedJwtKey, "Auth:SigningKey", Environment(environment));

        Assert.NotNull(problem);
        Assert.Contains("committed to the repository", problem);
        Assert.Contains("Auth__SigningKey", problem);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void Development_and_testing_may_use_a_committed_key(string environment) =>
        Assert.Null(SigningKeyPolicy.Problem(CommittedJwtKey, "Auth:SigningKey", Environment(environment)));

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("   ", "is not set")]
    [InlineData("0123456789abcdef0123456789abcde", "shorter than 32 bytes")]
    public void A_missing_or_short_key_is_refused_everywhere(string? key, string why)
    {
        foreach (var environment in new[] { "Development", "Testing", "Production" })
        {
            Assert.Contains(why, SigningKeyPolicy.Problem(key, "Advertising:TokenKey", Environment(environment)));
        }
    }

    [Fact]
    public void A_random_key_of_32_bytes_signs_in_production() =>
        Assert.Null(SigningKeyPolicy.Problem(Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            "Auth:SigningKey", Environment("Production")));
}

/// <summary>
/// The list of committed keys must hold every key-looking value in the repository: a key added to a script, a compose
/// file, an appsettings file or a test without its hash in <see cref="CommittedKeys"/> would be accepted in Production.
/// </summary>
public sealed partial class CommittedKeysTests
{
    // A value assigned to a setting or variable whose name says it is a key or a secret: KEY=…, "SigningKey": "…",
    // Auth__SigningKey: …, TokenKey { get; set; } = "…", SigningKey = "…".
    [GeneratedRegex("""(?i)(?:signing[-_]?key|token[-_]?key|hmac[-_]?key|secret[-_]?key|api[-_]?key)["']?(?:\s*\{\s*get;\s*set;\s*\})?\s*[:=]\s*["']?(?<value>[^\s"',;}{)]+)""")]
    private static partial Regex KeyAssignment();

    // A string literal that names itself a key, such as "something-signing-key-0001", of a usable length.
    [GeneratedRegex("""["'](?<value>[A-Za-z0-9_.\-]*key[A-Za-z0-9_.\-]*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex KeyLiteral();

    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", ".data", "node_modules", "TestResults", ".vs", ".idea"];
    private static readonly string[] TextExtensions =
        [".cs", ".json", ".yml", ".yaml", ".sh", ".md", ".example", ".env", ".props", ".csproj", ".config", ".conf", ".txt", ".js", ".toml"];

    [Fact]
    public void Every_key_in_the_repository_is_in_the_list()
    {
        var found = KeyLookingValues().ToList();

        // The scan sees the keys that are still in the tree (the ad-token default, the .env.example placeholder, the
        // keys these tests name): a scan that finds nothing proves nothing.
        Assert.Contains(found, f => f.Value == CommittedJwtKeyForScan);
        var unlisted = found.Where(f => !CommittedKeys.Contains(f.Value)).Select(f => $"{f.File}: {f.Value}").Distinct().ToList();
        Assert.True(unlisted.Count == 0,
            "Keys committed to the repository but missing from NewsPlatform.Platform.Auth.CommittedKeys (add their SHA-256, " +
            "or remove them):\n" + string.Join('\n', unlisted));
    }

    private const string CommittedJwtKeyForScan = "newsplatform-development-signing-key-change-me-0001";

    private static IEnumerable<(string File, string Value)> KeyLookingValues()
    {
        var root = RepositoryRoot();
        foreach (var file in Files(root))
        {
            var text = File.ReadAllText(file);
            var relative = Path.GetRelativePath(root, file);
            foreach (Match match in KeyAssignment().Matches(text).Concat(KeyLiteral().Matches(text)))
            {
                var value = match.Groups["value"].Value;
                if (LooksLikeAKey(value)) yield return (relative, value);
            }
        }
    }

    // Usable as a key (32 bytes or more, the least a service accepts), and a value rather than a reference to one
    // (a variable, a placeholder of a template, a call, a setting's name).
    private static bool LooksLikeAKey(string value) =>
        value.Length >= SigningKeyPolicy.MinimumBytes
        && !value.StartsWith('$') && !value.StartsWith('<') && !value.Contains("::", StringComparison.Ordinal)
        && !value.Contains('(') && !value.Contains("__", StringComparison.Ordinal);

    private static IEnumerable<string> Files(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            if (TextExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || name is "platform" or "Dockerfile" or "seed")
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            if (SkippedFolders.Contains(Path.GetFileName(sub))) continue;
            foreach (var file in Files(sub)) yield return file;
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NewsPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
