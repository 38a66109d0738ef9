namespace NewsPlatform.Contracts;

// Integration events of the comments service (CONTRACT.md).

public sealed record CommentCountChanged(Guid ArticleId, int ApprovedCount);
