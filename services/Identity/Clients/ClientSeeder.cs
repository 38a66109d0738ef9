using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NewsPlatform.Identity.Clients;

/// <summary>
/// The clients the platform ships with, written at start-up from configuration (so a changed public origin or secret
/// takes effect at the next start): the newsroom console and, when its secret is configured, the analysts' export job.
/// </summary>
public static class ClientSeeder
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<IdentityServiceOptions>>().Value;
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();

        var newsroom = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientIds.Newsroom,
            DisplayName = "Newsroom console",
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit, // a first-party console: no consent screen
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        newsroom.RedirectUris.Add(new Uri($"{options.PublicOrigin}/newsroom/signin-oidc"));
        newsroom.PostLogoutRedirectUris.Add(new Uri($"{options.PublicOrigin}/newsroom/signout-callback-oidc"));
        foreach (var uri in options.NewsroomRedirectUris) newsroom.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        foreach (var uri in options.NewsroomPostLogoutRedirectUris) newsroom.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        await UpsertAsync(applications, newsroom, cancellationToken);

        if (!string.IsNullOrWhiteSpace(options.AnalystExportSecret))
        {
            var export = new OpenIddictApplicationDescriptor
            {
                ClientId = ClientIds.AnalystExport,
                ClientSecret = options.AnalystExportSecret,
                DisplayName = "Analyst export job",
                ClientType = ClientTypes.Confidential,
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.ClientCredentials,
                },
            };
            export.Properties[ClientIds.RolesProperty] = JsonSerializer.SerializeToElement(new[] { "analyst" });
            await UpsertAsync(applications, export, cancellationToken);
        }
        else if (await applications.FindByClientIdAsync(ClientIds.AnalystExport, cancellationToken) is { } stale)
        {
            // No secret configured any more: the client must not keep working with an old one.
            await applications.DeleteAsync(stale, cancellationToken);
        }
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor,
        CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }
}
