namespace NewsPlatform.Gateway;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;GatewayApp&gt;</c>.</summary>
public sealed class GatewayApp;
