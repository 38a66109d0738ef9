using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using NewsPlatform.Identity.Clients;
using NewsPlatform.Identity.Data;
using NewsPlatform.Platform.Auth;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NewsPlatform.Identity.Connect;

/// <summary>
/// What a token says about its holder, in the platform's claims (CONTRACT.md "auth"): <c>sub</c>, <c>name</c>, one
/// <c>role</c> per role, <c>advertiser_id</c> for advertisers; audience <c>news-platform</c>. The services read
/// these unchanged from the development tokens and from these.
/// </summary>
public static class TokenClaims
{
    public static async Task<ClaimsPrincipal> ForUserAsync(StaffUser user, UserManager<StaffUser> users, ImmutableArray<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Email, user.Email);
        var roles = await users.GetRolesAsync(user);
        identity.SetClaims(Claims.Role, [.. roles.Order(StringComparer.Ordinal)]);
        if (roles.Contains(Roles.Advertiser) && !string.IsNullOrEmpty(user.AdvertiserId))
        {
            identity.SetClaim(Roles.AdvertiserIdClaim, user.AdvertiserId);
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetResources(ClientIds.Audience);
        identity.SetDestinations(Destinations);
        return principal;
    }

    public static ClaimsPrincipal ForClient(string clientId, string? displayName, IEnumerable<string> roles)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, displayName ?? clientId)
            .SetClaims(Claims.Role, [.. roles]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetResources(ClientIds.Audience);
        identity.SetDestinations(Destinations);
        return principal;
    }

    private static ClaimsIdentity NewIdentity() => new(
        authenticationType: "identity",
        nameType: Claims.Name,
        roleType: Claims.Role);

    /// <summary>Every claim goes into the access token; the identity token gets what its scopes allow.</summary>
    private static IEnumerable<string> Destinations(Claim claim)
    {
        yield return OpenIddictConstants.Destinations.AccessToken;
        var scopes = claim.Subject?.FindAll(Claims.Private.Scope).Select(c => c.Value).ToHashSet() ?? [];
        var inIdentityToken = claim.Type switch
        {
            Claims.Subject => true,
            Claims.Name or Claims.PreferredUsername => scopes.Contains(Scopes.Profile),
            Claims.Email => scopes.Contains(Scopes.Email) || scopes.Contains(Scopes.Profile),
            Claims.Role or Roles.AdvertiserIdClaim => scopes.Contains(Scopes.Roles),
            _ => false,
        };
        if (inIdentityToken) yield return OpenIddictConstants.Destinations.IdentityToken;
    }
}
