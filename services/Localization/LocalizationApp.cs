namespace NewsPlatform.Localization;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;LocalizationApp&gt;</c>.</summary>
public sealed class LocalizationApp;
