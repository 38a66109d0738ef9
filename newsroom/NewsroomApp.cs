namespace NewsPlatform.Newsroom;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;NewsroomApp&gt;</c> and the test hosts.</summary>
public sealed class NewsroomApp;
