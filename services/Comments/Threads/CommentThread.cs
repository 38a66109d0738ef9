using JasperFx.Events;
using Marten.Events.Aggregation;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Comments.Threads;

// A thread is one stream per article (stream id = article id): it opens when the article is published and
// closes when it is withdrawn; moderators close and reopen it by hand. SourceVersion is the article stream
// version that last changed it, so a message that arrives late (an older version) is ignored. The approved
// count lives here so that every change of it is one event, published as CommentCountChanged.

/// <summary>A story was published, so its comment thread opened.</summary>
public sealed record ThreadOpened(Guid ArticleId, string ArticleSlug, string ArticleTitle, long SourceVersion, DateTimeOffset At);

/// <summary>No new comments. <see cref="ArticleWithdrawn"/>: the article itself left, so its comments leave public reads too.</summary>
public sealed record ThreadClosed(Guid ArticleId, string Reason, long SourceVersion, bool ArticleWithdrawn, DateTimeOffset At);

/// <summary>A story was published again, so its closed comment thread opened again.</summary>
public sealed record ThreadReopened(Guid ArticleId, long SourceVersion, DateTimeOffset At);

/// <summary>A story's comments switched between moderation before (`pre`) and after (`post`) publication.</summary>
public sealed record ModerationModeChanged(Guid ArticleId, ModerationMode? Mode, DateTimeOffset At);

/// <summary>The number of approved comments on a story changed (what lists show as its comment count).</summary>
public sealed record ApprovedCountChanged(Guid ArticleId, int ApprovedCount, DateTimeOffset At);

public enum ModerationMode
{
    /// <summary>Approved at once unless a rule holds it.</summary>
    Post,

    /// <summary>Everything waits for a moderator.</summary>
    Pre,
}

public sealed record CommentThread(
    Guid Id,
    string ArticleSlug,
    string ArticleTitle,
    bool IsOpen,
    bool ArticleLive,
    long SourceVersion,
    ModerationMode? Mode,
    int ApprovedCount,
    long Version)
{
    public static CommentThread? Transition(CommentThread? state, object @event) => (state, @event) switch
    {
        (null, ThreadOpened e) => new CommentThread(e.ArticleId, e.ArticleSlug, e.ArticleTitle, true, true, e.SourceVersion, null, 0, 0),
        (null, _) => null,
        (_, ThreadOpened e) => state with { IsOpen = true, ArticleLive = true, ArticleSlug = e.ArticleSlug, ArticleTitle = e.ArticleTitle, SourceVersion = e.SourceVersion },
        (_, ThreadClosed e) => state with { IsOpen = false, ArticleLive = state.ArticleLive && !e.ArticleWithdrawn, SourceVersion = e.SourceVersion },
        (_, ThreadReopened e) => state with { IsOpen = true, SourceVersion = e.SourceVersion },
        (_, ModerationModeChanged e) => state with { Mode = e.Mode },
        (_, ApprovedCountChanged e) => state with { ApprovedCount = e.ApprovedCount },
        _ => state,
    };
}

public sealed record OpenThread(Guid ArticleId, string Slug, string Title, long SourceVersion, DateTimeOffset Now);

/// <summary>The article was withdrawn (<see cref="SourceVersion"/> set) or a moderator closes it (null).</summary>
public sealed record CloseThread(Guid ArticleId, string Reason, long? SourceVersion, DateTimeOffset Now);

public sealed record ReopenThread(Guid ArticleId, DateTimeOffset Now);

public static class ThreadDecider
{
    /// <summary>The article was published (again): open its thread unless a newer article event already spoke.</summary>
    public static Decision Decide(CommentThread? state, OpenThread command) => state switch
    {
        null => Decision.Accept(new ThreadOpened(command.ArticleId, command.Slug, command.Title, command.SourceVersion, command.Now)),
        _ when command.SourceVersion <= state.SourceVersion => Decision.Nothing,
        _ => Decision.Accept(new ThreadOpened(command.ArticleId, command.Slug, command.Title, command.SourceVersion, command.Now)),
    };

    public static Decision Decide(CommentThread? state, CloseThread command) => state switch
    {
        // A withdrawal that overtook the publication: remember it as a closed thread, so the late publication is ignored.
        null when command.SourceVersion is { } v => Decision.Accept(
            new ThreadOpened(command.ArticleId, "", "", v, command.Now), new ThreadClosed(command.ArticleId, command.Reason, v, true, command.Now)),
        null => Decision.Reject("The article has no comment thread."),
        _ when command.SourceVersion is { } v && v <= state.SourceVersion => Decision.Nothing,
        { IsOpen: false } when command.SourceVersion is null => Decision.Nothing,
        _ => Decision.Accept(new ThreadClosed(command.ArticleId, command.Reason, command.SourceVersion ?? state.SourceVersion,
            ArticleWithdrawn: command.SourceVersion is not null, command.Now)),
    };

    public static Decision Decide(CommentThread state, ReopenThread command) => state switch
    {
        { IsOpen: true } => Decision.Nothing,
        { ArticleLive: false } => Decision.Reject("The article is not published; its thread reopens when it is published again."),
        _ => Decision.Accept(new ThreadReopened(command.ArticleId, state.SourceVersion, command.Now)),
    };
}

public sealed class CommentThreadProjection : SingleStreamProjection<CommentThread, Guid>
{
    public override CommentThread? Evolve(CommentThread? snapshot, Guid id, IEvent e) =>
        CommentThread.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
