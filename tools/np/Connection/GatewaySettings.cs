using System.ComponentModel;
using Spectre.Console.Cli;

namespace NewsPlatform.Np.Connection;

/// <summary>Where the platform is and how to sign in; every command that calls the gateway takes these.</summary>
public class GatewaySettings : CommandSettings
{
    [CommandOption("--gateway <URL>")]
    [Description("The gateway (NP_GATEWAY_URL; http://localhost:8080).")]
    public string? Gateway { get; init; }

    [CommandOption("--token <JWT>")]
    [Description("A bearer token (NP_TOKEN; `./platform token analyst` gives a development one).")]
    public string? Token { get; init; }

    [CommandOption("--client-id <ID>")]
    [Description("Sign in with client credentials at {gateway}/identity/connect/token (NP_CLIENT_ID).")]
    public string? ClientId { get; init; }

    [CommandOption("--client-secret <SECRET>")]
    [Description("The client's secret (NP_CLIENT_SECRET).")]
    public string? ClientSecret { get; init; }

    [CommandOption("--scope <SCOPE>")]
    [Description("Scopes to ask for with client credentials (NP_SCOPE; none by default).")]
    public string? Scope { get; init; }

    public string GatewayUrl => (Gateway ?? Environment.GetEnvironmentVariable("NP_GATEWAY_URL") ?? "http://localhost:8080").TrimEnd('/');
}
