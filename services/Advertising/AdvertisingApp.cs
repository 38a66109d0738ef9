namespace NewsPlatform.Advertising;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;AdvertisingApp&gt;</c>.</summary>
public sealed class AdvertisingApp;
