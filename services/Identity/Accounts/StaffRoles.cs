using Microsoft.AspNetCore.Identity;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Identity.Accounts;

/// <summary>The roles of CONTRACT.md, made at start-up when missing.</summary>
public static class StaffRoles
{
    public static readonly IReadOnlyList<string> All =
        [Roles.Editor, Roles.Moderator, Roles.Translator, Roles.Advertiser, Roles.Analyst, Roles.Admin];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }
}
