using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NewsPlatform.Articles.Domain;

/// <summary>
/// Keeps the <see cref="Article"/> document in step with its stream inside the same transaction
/// (inline), so a write can be read back at once and <c>FetchForWriting</c> starts from it.
/// </summary>
public sealed class ArticleProjection : SingleStreamProjection<Article, Guid>
{
    public override Article? Evolve(Article? snapshot, Guid id, IEvent e) =>
        Article.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
