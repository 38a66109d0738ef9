using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace NewsPlatform.Platform.Auth;

/// <summary>
/// Every key that was ever written into this repository, as SHA-256 hashes of its UTF-8 bytes (so the list itself
/// hands no one a key). Anyone with a clone knows them: outside Development and Testing a service refuses them.
/// A unit test scans the repository for key-looking values and fails when one is missing here.
/// </summary>
public static class CommittedKeys
{
    private static readonly HashSet<string> Hashes = new(StringComparer.Ordinal)
    {
        // platform (DEV_SIGNING_KEY, until issue 12) and docker-compose.yml (Auth__SigningKey, until issue 12)
        "5dca102669ac2a4ba0e4325e85259a39b0614529a648eab744526aaa6caa932c",
        // services/Advertising/AdvertisingOptions.cs: the TokenKey default
        "94fd39f57080351363b850f14adfb9a8643fc6fc7d0ed8a0885669369bd24f7b",
        // tests/FunctionalTests/Infrastructure/TestEnvironment.cs: the functional tests' key (until issue 12)
        "0410c8f9053360484fbb6f6917ea90347cad26ecbf519e90b7ae2fa8663f1f71",
        // tests/FunctionalTests/Gateway/IdentityRateLimitTests.cs: the key of a forged token
        "ce429634e3dc5635f4d4cea91c3cc9b02c2c04591fa21f3bb6942f98d896990d",
        // .env.example: the placeholder of every key
        "20138eb2442de46c4836bc51446cd99b275f66907de673e96984dbf4da3de574",
    };

    public static bool Contains(string key) => Hashes.Contains(Hash(key));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>The rule every HMAC key of the platform follows (the JWT key, the ad-token key).</summary>
public static class SigningKeyPolicy
{
    public const int MinimumBytes = 32;

    /// <summary>The environment name of the test profile: like Development, it may run on committed keys.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>Development and Testing may use the keys committed to the repository; every other environment may not.</summary>
    public static bool AllowsCommittedKeys(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment);

    /// <summary>Why <paramref name="key"/> cannot sign in <paramref name="environment"/>, saying what to set; null when it can.</summary>
    public static string? Problem(string? key, string setting, IHostEnvironment environment)
    {
        var variable = setting.Replace(":", "__", StringComparison.Ordinal);
        const string generate = "generate one with `openssl rand -hex 32` (./platform up keeps one per machine under .data/)";
        if (string.IsNullOrWhiteSpace(key))
        {
            return $"{setting} is not set: set {variable} to a random key of at least {MinimumBytes} bytes; {generate}.";
        }

        if (Encoding.UTF8.GetByteCount(key) < MinimumBytes)
        {
            return $"{setting} is shorter than {MinimumBytes} bytes: set {variable} to a random key of at least {MinimumBytes} bytes; {generate}.";
        }

        if (!AllowsCommittedKeys(environment) && CommittedKeys.Contains(key))
        {
            return $"{setting} is a key committed to the repository, which anyone with a clone can sign with; it is refused in the " +
                   $"{environment.EnvironmentName} environment (only Development and {TestingEnvironment} accept it): set {variable} " +
                   $"to a key of this machine's own; {generate}.";
        }

        return null;
    }

    /// <summary>Throws, with <see cref="Problem"/>'s message, when the key cannot sign here.</summary>
    public static void Require([NotNull] string? key, string setting, IHostEnvironment environment)
    {
        var problem = Problem(key, setting, environment);
        if (problem is not null || key is null) throw new InvalidOperationException(problem ?? $"{setting} is not set.");
    }
}
