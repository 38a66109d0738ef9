namespace NewsPlatform.Platform.Auth;

/// <summary>The roles of CONTRACT.md, carried in the <c>role</c> claim. <see cref="Admin"/> may do everything.</summary>
public static class Roles
{
    public const string Editor = "editor";
    public const string Moderator = "moderator";
    public const string Translator = "translator";
    public const string Advertiser = "advertiser";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    public const string RoleClaim = "role";
    public const string AdvertiserIdClaim = "advertiser_id";
}
