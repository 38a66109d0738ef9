namespace NewsPlatform.Web;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;WebApp&gt;</c>.</summary>
public sealed class WebApp;
