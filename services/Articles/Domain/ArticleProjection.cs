using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using NewsPlatform.Articles.Searching;

namespace NewsPlatform.Articles.Domain;

/// <summary>
/// Keeps the <see cref="Article"/> document in step with its stream inside the same transaction
/// (inline), so a write can be read back at once and <c>FetchForWriting</c> starts from it.
/// </summary>
public sealed class ArticleProjection : SingleStreamProjection<Article, Guid>
{
    public override Article? Evolve(Article? snapshot, Guid id, IEvent e) =>
        Article.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;

    /// <summary>
    /// The search rows follow the article in the same transaction (side effects run inline: see Program.cs), so a
    /// story leaves the search the moment it leaves the site.
    /// </summary>
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<Article> slice)
    {
        if (slice.Events().Count > 0)
        {
            SearchIndex.QueueRefresh(operations, slice.Events()[0].StreamId, slice.Snapshot);
        }

        return ValueTask.CompletedTask;
    }
}
