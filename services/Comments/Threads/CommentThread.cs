using JasperFx.Events;
using Marten.Events.Aggregation;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Comments.Threads;

// A thread is one stream per article (stream id = article id): it opens when the article is published and
// closes when it is withdrawn. SourceVersion is the article stream version that last changed it, so a
// message that arrives late (an older version) is recognised and ignored.

public sealed record ThreadOpened(Guid ArticleId, string ArticleSlug, string ArticleTitle, long SourceVersion, DateTimeOffset At);

public sealed record ThreadClosed(Guid ArticleId, string Reason, long SourceVersion, DateTimeOffset At);

public sealed record ThreadReopened(Guid ArticleId, long SourceVersion, DateTimeOffset At);

public sealed record CommentThread(Guid Id, string ArticleSlug, string ArticleTitle, bool IsOpen, long SourceVersion, long Version)
{
    public static CommentThread? Transition(CommentThread? state, object @event) => (state, @event) switch
    {
        (null, ThreadOpened e) => new CommentThread(e.ArticleId, e.ArticleSlug, e.ArticleTitle, true, e.SourceVersion, 0),
        (not null, ThreadOpened e) => state with { IsOpen = true, ArticleSlug = e.ArticleSlug, ArticleTitle = e.ArticleTitle, SourceVersion = e.SourceVersion },
        (not null, ThreadClosed e) => state with { IsOpen = false, SourceVersion = e.SourceVersion },
        (not null, ThreadReopened e) => state with { IsOpen = true, SourceVersion = e.SourceVersion },
        _ => state,
    };
}

public sealed record OpenThread(Guid ArticleId, string Slug, string Title, long SourceVersion, DateTimeOffset Now);

public static class ThreadDecider
{
    /// <summary>The article was published (again): open its thread unless a newer article event already spoke.</summary>
    public static Decision Decide(CommentThread? state, OpenThread command) => state switch
    {
        null => Decision.Accept(new ThreadOpened(command.ArticleId, command.Slug, command.Title, command.SourceVersion, command.Now)),
        _ when command.SourceVersion <= state.SourceVersion => Decision.Nothing,
        _ => Decision.Accept(new ThreadOpened(command.ArticleId, command.Slug, command.Title, command.SourceVersion, command.Now)),
    };
}

public sealed class CommentThreadProjection : SingleStreamProjection<CommentThread, Guid>
{
    public override CommentThread? Evolve(CommentThread? snapshot, Guid id, IEvent e) =>
        CommentThread.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
