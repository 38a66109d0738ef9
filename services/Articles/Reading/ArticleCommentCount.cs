namespace NewsPlatform.Articles.Reading;

/// <summary>
/// The approved comment count the comments service last reported (CommentCountChanged). Kept beside the
/// article rather than in its stream: counts change often and must not move the article's ETag under editors.
/// </summary>
public sealed record ArticleCommentCount(Guid Id, int ApprovedCount, long SourceVersion);
