using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Articles.Domain;

// Commands: what an editor (or the scheduler) asks for. Slugs arrive already made unique by the caller,
// which can see the slug registry; the decider stays pure.

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
    DateTimeOffset Now,
    ArticleImage? Image = null);

/// <summary>
/// Change the content. <see cref="NewSlug"/> is set when the slug should follow the new title. An edit replaces the
/// whole content, so a null <see cref="Image"/> takes the picture away.
/// </summary>
public sealed record EditArticle(
    Guid ArticleId,
    string Title,
    string Summary,
    string Body,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    bool NoAds,
    string? NewSlug,
    DateTimeOffset Now,
    ArticleImage? Image = null);

/// <summary>Publish now (<see cref="At"/> null or past) or schedule for <see cref="At"/>.</summary>
public sealed record PublishArticle(Guid ArticleId, DateTimeOffset? At, DateTimeOffset Now);

/// <summary>The scheduler's command: publish if the scheduled time has come.</summary>
public sealed record PublishDueArticle(Guid ArticleId, DateTimeOffset Now);

public sealed record UnpublishArticle(Guid ArticleId, string? Reason, DateTimeOffset Now);

public sealed record RetractArticle(Guid ArticleId, string Reason, DateTimeOffset Now);

public sealed record FeatureArticle(Guid ArticleId, DateTimeOffset Now);

public sealed record UnfeatureArticle(Guid ArticleId, DateTimeOffset Now);

public sealed record CorrectArticle(Guid ArticleId, string Text, DateTimeOffset Now);

/// <summary>The editorial rules as pure functions: state and command in, events or a reason out.</summary>
public static class ArticleDecider
{
    public static Decision Decide(DraftArticle c) =>
        Decision.Accept(new ArticleDrafted(c.ArticleId, c.Slug, c.Title, c.Summary, c.Body, c.Section, c.Tags, c.Authors,
            c.Language, c.NoAds, c.Now, c.Image));

    public static Decision Decide(Article state, EditArticle c)
    {
        if (state.Status == ArticleStatus.Retracted) return Decision.Reject("A retracted article cannot be edited.");

        // A scheduled story goes live by itself: it must stay publishable until then.
        if (state.Status == ArticleStatus.Scheduled && (string.IsNullOrWhiteSpace(c.Title) || string.IsNullOrWhiteSpace(c.Body)))
        {
            return Decision.Reject("A scheduled article needs a title and a body; unschedule it before emptying them.");
        }

        var changed = ChangedFields(state, c);
        var slugChange = c.NewSlug is not null && c.NewSlug != state.Slug
            ? new ArticleSlugChanged(state.Id, state.Slug, c.NewSlug, c.Now)
            : null;
        if (changed.Count == 0 && slugChange is null) return Decision.Nothing;

        var events = new List<object>();
        if (changed.Count > 0)
        {
            events.Add(state.Status == ArticleStatus.Published
                ? new ArticleRevised(state.Id, c.Title, c.Summary, c.Body, c.Section, c.Tags, c.Authors, c.NoAds, changed, c.Now, c.Image)
                : new ArticleEdited(state.Id, c.Title, c.Summary, c.Body, c.Section, c.Tags, c.Authors, c.NoAds, c.Now, c.Image));
        }

        if (slugChange is not null) events.Add(slugChange);
        return Decision.Accept([.. events]);
    }

    public static Decision Decide(Article state, PublishArticle c)
    {
        var now = c.At is null || c.At <= c.Now;
        return state.Status switch
        {
            ArticleStatus.Retracted => Decision.Reject("A retracted article cannot be published again."),
            ArticleStatus.Published when now => Decision.Nothing,
            ArticleStatus.Published => Decision.Reject("The article is already published; unpublish it before scheduling it."),
            _ when string.IsNullOrWhiteSpace(state.Title) || string.IsNullOrWhiteSpace(state.Body) =>
                Decision.Reject("An article needs a title and a body before it can be published."),
            ArticleStatus.Scheduled when !now && state.ScheduledFor == c.At => Decision.Nothing,
            _ when now => Decision.Accept(Published(state, c.Now)),
            _ => Decision.Accept(new ArticleScheduled(state.Id, c.At!.Value, c.Now)),
        };
    }

    public static Decision Decide(Article state, PublishDueArticle c) =>
        state is { Status: ArticleStatus.Scheduled, ScheduledFor: { } due } && due <= c.Now
            ? Decision.Accept(Published(state, c.Now))
            : Decision.Nothing;

    public static Decision Decide(Article state, UnpublishArticle c) => state.Status switch
    {
        ArticleStatus.Published => Decision.Accept(new ArticleUnpublished(state.Id, c.Reason, c.Now)),
        ArticleStatus.Scheduled => Decision.Accept(new ArticleUnscheduled(state.Id, c.Now)),
        ArticleStatus.Unpublished => Decision.Nothing,
        ArticleStatus.Retracted => Decision.Reject("A retracted article is already withdrawn."),
        _ => Decision.Reject("A draft has never been published, so it cannot be unpublished."),
    };

    public static Decision Decide(Article state, RetractArticle c) => state.Status switch
    {
        ArticleStatus.Published or ArticleStatus.Unpublished => Decision.Accept(new ArticleRetracted(state.Id, c.Reason, c.Now)),
        ArticleStatus.Retracted => Decision.Nothing,
        _ => Decision.Reject("Only a story that has been published can be retracted; a draft can simply stay unpublished."),
    };

    public static Decision Decide(Article state, FeatureArticle c) => state switch
    {
        { Status: not ArticleStatus.Published } => Decision.Reject("Only a published article can be featured."),
        { Featured: true } => Decision.Nothing,
        _ => Decision.Accept(new ArticleFeatured(state.Id, c.Now)),
    };

    public static Decision Decide(Article state, UnfeatureArticle c) =>
        state.Featured ? Decision.Accept(new ArticleUnfeatured(state.Id, c.Now)) : Decision.Nothing;

    public static Decision Decide(Article state, CorrectArticle c) => state.Status switch
    {
        ArticleStatus.Published or ArticleStatus.Unpublished => Decision.Accept(new ArticleCorrected(state.Id, c.Text, c.Now)),
        ArticleStatus.Retracted => Decision.Reject("A retracted article cannot be corrected; its retraction stands."),
        _ => Decision.Reject("An article that was never published has nothing to correct; edit it instead."),
    };

    private static ArticlePublished Published(Article state, DateTimeOffset at) =>
        new(state.Id, state.Slug, state.Title, state.Summary, state.Section, state.Tags, state.Language, state.NoAds, at);

    private static List<string> ChangedFields(Article state, EditArticle c)
    {
        var changed = new List<string>();
        if (state.Title != c.Title) changed.Add("title");
        if (state.Summary != c.Summary) changed.Add("summary");
        if (state.Body != c.Body) changed.Add("body");
        if (state.Section != c.Section) changed.Add("section");
        if (!state.Tags.SequenceEqual(c.Tags)) changed.Add("tags");
        if (!state.Authors.SequenceEqual(c.Authors)) changed.Add("authors");
        if (state.NoAds != c.NoAds) changed.Add("noAds");
        // Not a text field: the localization service keeps translations current when only the picture changes.
        if (state.Image != c.Image) changed.Add("image");
        return changed;
    }
}
