namespace NewsPlatform.Articles;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;ArticlesApp&gt;</c> (every app has a public Program).</summary>
public sealed class ArticlesApp;
