namespace NewsPlatform.Identity;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;IdentityApp&gt;</c>.</summary>
public sealed class IdentityApp;
