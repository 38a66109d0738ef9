using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Articles.Domain;

public sealed record DraftArticle(
    Guid ArticleId,
    string Slug,
    string Title,
    string Summary,
    string Body,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    string Language,
    bool NoAds,
    DateTimeOffset Now);

public sealed record PublishArticle(Guid ArticleId, DateTimeOffset Now);

/// <summary>The editorial rules as pure functions: state and command in, events or a reason out.</summary>
public static class ArticleDecider
{
    public static Decision Decide(DraftArticle command) =>
        Decision.Accept(new ArticleDrafted(command.ArticleId, command.Slug, command.Title, command.Summary, command.Body,
            command.Section, command.Tags, command.Authors, command.Language, command.NoAds, command.Now));

    public static Decision Decide(Article state, PublishArticle command) => state.Status switch
    {
        ArticleStatus.Published => Decision.Nothing,
        ArticleStatus.Retracted => Decision.Reject("A retracted article cannot be published again."),
        _ when string.IsNullOrWhiteSpace(state.Title) || string.IsNullOrWhiteSpace(state.Body) =>
            Decision.Reject("An article needs a title and a body before it can be published."),
        _ => Decision.Accept(new ArticlePublished(state.Id, state.Slug, state.Title, state.Summary, state.Section, state.Tags,
            state.Language, state.NoAds, command.Now)),
    };
}
