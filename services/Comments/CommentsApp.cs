namespace NewsPlatform.Comments;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;CommentsApp&gt;</c>.</summary>
public sealed class CommentsApp;
