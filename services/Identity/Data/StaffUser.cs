using Microsoft.AspNetCore.Identity;

namespace NewsPlatform.Identity.Data;

/// <summary>A member of the newsroom's staff who signs in: an ASP.NET Core Identity user with what the platform's tokens carry.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The advertiser whose campaigns an advertiser user may manage (the <c>advertiser_id</c> claim).</summary>
    public string? AdvertiserId { get; set; }

    /// <summary>Disabled by an admin: cannot sign in, and its refresh tokens stop working.</summary>
    public bool Disabled { get; set; }

    /// <summary>Set on the first admin's one-time password: the next sign-in must choose a new password first.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
