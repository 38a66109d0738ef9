using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>Given events, when a command, then events or a rejection: the editorial rules with no database.</summary>
public abstract class ArticleSpecification
{
    protected static readonly Guid Id = Guid.Parse("01a20f00-0000-7000-8000-000000000001");
    protected static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    protected static ArticleDrafted Drafted(string title = "Budget 2026", string body = "<p>Le budget.</p>") =>
        new(Id, "budget-2026", title, "Summary", body, "business", ["budget"], ["A. Author"], "fr", false, T0);

    protected static ArticlePublished Published(DateTimeOffset? at = null) =>
        new(Id, "budget-2026", "Budget 2026", "Summary", "business", ["budget"], "fr", false, at ?? T0.AddHours(1));

    protected static ArticleScheduled Scheduled(DateTimeOffset @for) => new(Id, @for, T0);

    protected static ArticleUnpublished Unpublished() => new(Id, "legal", T0.AddHours(2));

    protected static ArticleRetracted Retracted() => new(Id, "wrong", T0.AddHours(3));

    protected static Article Given(params object[] events) =>
        events.Aggregate((Article?)null, Article.Transition) ?? throw new InvalidOperationException("no article stream");

    protected static TEvent Then<TEvent>(Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection);
        return Assert.IsType<TEvent>(Assert.Single(decision.Events));
    }

    protected static void ThenNothing(Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection);
        Assert.Empty(decision.Events);
    }

    protected static string ThenRejected(Decision decision)
    {
        Assert.True(decision.IsRejected);
        Assert.Empty(decision.Events);
        return decision.Rejection!;
    }

    protected static EditArticle Edit(Article state, string? title = null, string? body = null, string? section = null,
        IReadOnlyList<string>? tags = null, bool? noAds = null, string? newSlug = null) =>
        new(Id, title ?? state.Title, state.Summary, body ?? state.Body, section ?? state.Section, tags ?? state.Tags,
            state.Authors, noAds ?? state.NoAds, newSlug, T0.AddDays(1));
}
