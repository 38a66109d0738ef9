using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>
/// Given events, when a command, then events or a rejection: the editorial rules of <see cref="ArticleDecider"/>
/// with no database, no clock and no mocks. The state is always built the way the service builds it, by folding
/// events through <see cref="Article.Transition"/>.
/// </summary>
public abstract class ArticleSpecification
{
    protected static readonly Guid Id = Guid.Parse("01a20f00-0000-7000-8000-000000000001");

    /// <summary>When the article was drafted.</summary>
    protected static readonly DateTimeOffset DraftedAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>When the given streams first went live.</summary>
    protected static readonly DateTimeOffset FirstPublishedAt = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>When the command under test arrives.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A time in the future of <see cref="Now"/>.</summary>
    protected static readonly DateTimeOffset Tomorrow = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A time in the past of <see cref="Now"/>, after everything the given streams hold.</summary>
    protected static readonly DateTimeOffset AnHourAgo = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    // Given: the events of the stream.

    protected static ArticleDrafted Drafted(
        string slug = "budget-2026",
        string title = "Budget 2026",
        string summary = "What the budget changes.",
        string body = "<p>Le budget.</p>",
        string section = "business",
        IReadOnlyList<string>? tags = null,
        IReadOnlyList<string>? authors = null,
        string language = "fr",
        bool noAds = false) =>
        new(Id, slug, title, summary, body, section, tags ?? ["budget"], authors ?? ["A. Author"], language, noAds, DraftedAt);

    protected static ArticlePublished Published(DateTimeOffset? at = null) =>
        new(Id, "budget-2026", "Budget 2026", "What the budget changes.", "business", ["budget"], "fr", false, at ?? FirstPublishedAt);

    protected static ArticleScheduled Scheduled(DateTimeOffset @for) => new(Id, @for, DraftedAt.AddMinutes(30));

    protected static ArticleUnscheduled Unscheduled() => new(Id, DraftedAt.AddMinutes(45));

    protected static ArticleUnpublished Unpublished() => new(Id, "legal", FirstPublishedAt.AddHours(1));

    protected static ArticleRetracted Retracted() => new(Id, "wrong figures", FirstPublishedAt.AddHours(2));

    protected static ArticleFeatured Featured() => new(Id, FirstPublishedAt.AddMinutes(10));

    /// <summary>The shortest stream that leaves the article in <paramref name="status"/>.</summary>
    protected static object[] StreamIn(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => [Drafted()],
        ArticleStatus.Scheduled => [Drafted(), Scheduled(Tomorrow)],
        ArticleStatus.Published => [Drafted(), Published()],
        ArticleStatus.Unpublished => [Drafted(), Published(), Unpublished()],
        ArticleStatus.Retracted => [Drafted(), Published(), Retracted()],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The state the events leave, or null when they do not make an article.</summary>
    protected static Article? Fold(params object[] events) => events.Aggregate((Article?)null, Article.Transition);

    protected static Article Given(params object[] events) =>
        Fold(events) ?? throw new InvalidOperationException("The given events do not make an article.");

    protected static Article GivenAn(ArticleStatus status)
    {
        var state = Given(StreamIn(status));
        Assert.Equal(status, state.Status);
        return state;
    }

    // When: commands, built from the state so that a test names only what it changes.

    /// <summary>An edit that repeats the state's content (in fresh lists) except what is named.</summary>
    protected static EditArticle EditOf(
        Article state,
        string? title = null,
        string? summary = null,
        string? body = null,
        string? section = null,
        IReadOnlyList<string>? tags = null,
        IReadOnlyList<string>? authors = null,
        bool? noAds = null,
        string? newSlug = null) =>
        new(state.Id, title ?? state.Title, summary ?? state.Summary, body ?? state.Body, section ?? state.Section,
            tags ?? [.. state.Tags], authors ?? [.. state.Authors], noAds ?? state.NoAds, newSlug, Now, state.Image);

    // Then: the events, nothing, or a rejection.

    protected static TEvent Then<TEvent>(Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection);
        return Assert.IsType<TEvent>(Assert.Single(decision.Events));
    }

    protected static (TFirst First, TSecond Second) Then<TFirst, TSecond>(Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection);
        Assert.Equal(2, decision.Events.Count);
        return (Assert.IsType<TFirst>(decision.Events[0]), Assert.IsType<TSecond>(decision.Events[1]));
    }

    /// <summary>The command is already satisfied: no events, and no rejection either.</summary>
    protected static void ThenNothing(Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection);
        Assert.Empty(decision.Events);
    }

    /// <summary>The state forbids the command (a 409): no events, and a sentence saying why.</summary>
    protected static string ThenRejected(Decision decision)
    {
        Assert.True(decision.IsRejected, "The command was accepted.");
        Assert.Empty(decision.Events);
        Assert.False(string.IsNullOrWhiteSpace(decision.Rejection));
        return decision.Rejection!;
    }
}
