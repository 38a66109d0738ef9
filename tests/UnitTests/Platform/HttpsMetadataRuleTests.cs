using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.UnitTests.Platform;

/// <summary>When a service may fetch the identity service's discovery document over plain HTTP (Auth:RequireHttpsMetadata).</summary>
public sealed class HttpsMetadataRuleTests
{
    private const string PublicIssuer = "http://localhost:8080/identity/";
    private const string ContainerMetadata = "http://identity:8080/identity/.well-known/openid-configuration";

    private static IConfiguration Auth(string? requireHttpsMetadata) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RequireHttpsMetadata"] = requireHttpsMetadata }).Build();

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    [Fact]
    public void Production_requires_https_when_the_metadata_crosses_a_network() =>
        Assert.True(AuthExtensions.RequiresHttpsMetadata(Auth(null), PublicIssuer, ContainerMetadata, Environment("Production")));

    [Fact]
    public void Production_allows_http_when_both_addresses_are_loopback() =>
        Assert.False(AuthExtensions.RequiresHttpsMetadata(Auth(null), PublicIssuer,
            "http://127.0.0.1:5106/identity/.well-known/openid-configuration", Environment("Production")));

    [Fact]
    public void Development_allows_http() =>
        Assert.False(AuthExtensions.RequiresHttpsMetadata(Auth(null), "http://identity.internal/identity/", null, Environment("Development")));

    [Fact]
    public void An_explicit_false_opts_out_on_a_private_network() =>
        Assert.False(AuthExtensions.RequiresHttpsMetadata(Auth("false"), PublicIssuer, ContainerMetadata, Environment("Production")));

    [Fact]
    public void An_explicit_true_requires_https_even_on_loopback() =>
        Assert.True(AuthExtensions.RequiresHttpsMetadata(Auth("true"), PublicIssuer, null, Environment("Development")));
}
