using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NewsPlatform.Contracts;
using NewsPlatform.Localization.Terms;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Messaging;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Localization.Translations;

// The source article's events keep its translation group in step: publication opens it (or brings the source
// back), a revision of the text makes translations stale, a new slug is followed, a withdrawal unpublishes them. Each runs once per
// message id (the inbox) and the decider ignores an article version it has already seen.

public sealed class ArticlePublishedConsumer(ISessionFactory sessions, IOptions<SiteOptions> site, TimeProvider clock,
    ILogger<ArticlePublishedConsumer> logger) : InboxConsumer<ArticlePublished>(sessions, logger)
{
    private readonly ILogger refusals = logger; // the base keeps its own copy: this one is for refused messages

    protected override async Task ApplyAsync(ConsumeContext<ArticlePublished> context, IDocumentSession session)
    {
        var m = context.Message;
        if (SourceMessages.Refusal(m) is { } reason)
        {
            refusals.LogWarning("ArticlePublished {MessageId} for {ArticleId} refused: {Reason}", context.MessageId, m.ArticleId, reason);
            return;
        }

        var now = clock.GetUtcNow();
        await SourceTerms.SeeAsync(session, m.Section, m.Tags, now, context.CancellationToken);
        await Groups.DecideAsync(session, m.ArticleId, group => TranslationDecider.Decide(group,
            new OpenGroup(m.ArticleId, m.Language.Trim(), m.Version, m.Title.Trim(), Slugs.From(m.Slug), m.PublishedAt,
                site.Value.Languages, now)), context.CancellationToken);
    }
}

public sealed class ArticleRevisedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<ArticleRevisedConsumer> logger)
    : InboxConsumer<ArticleRevised>(sessions, logger)
{
    private readonly ILogger refusals = logger; // the base keeps its own copy: this one is for refused messages

    protected override async Task ApplyAsync(ConsumeContext<ArticleRevised> context, IDocumentSession session)
    {
        var m = context.Message;
        if (SourceMessages.TermsRefusal(m.Section, m.Tags) is { } reason)
        {
            refusals.LogWarning("ArticleRevised {MessageId} for {ArticleId} refused: {Reason}", context.MessageId, m.ArticleId, reason);
            return;
        }

        var now = clock.GetUtcNow();
        await SourceTerms.SeeAsync(session, m.Section, m.Tags, now, context.CancellationToken);
        await Groups.DecideAsync(session, m.ArticleId, group => TranslationDecider.Decide(group,
            new ReviseSource(m.ArticleId, m.Version, m.ChangedFields, now)), context.CancellationToken);
    }
}

public sealed class ArticleSlugChangedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<ArticleSlugChangedConsumer> logger)
    : InboxConsumer<ArticleSlugChanged>(sessions, logger)
{
    protected override Task ApplyAsync(ConsumeContext<ArticleSlugChanged> context, IDocumentSession session) =>
        Groups.DecideAsync(session, context.Message.ArticleId, group => TranslationDecider.Decide(group,
            new RenameSource(context.Message.ArticleId, Slugs.From(context.Message.NewSlug ?? ""), context.Message.Version, clock.GetUtcNow())),
            context.CancellationToken);
}

public sealed class ArticleUnpublishedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<ArticleUnpublishedConsumer> logger)
    : InboxConsumer<ArticleUnpublished>(sessions, logger)
{
    protected override Task ApplyAsync(ConsumeContext<ArticleUnpublished> context, IDocumentSession session) =>
        Groups.DecideAsync(session, context.Message.ArticleId, group => TranslationDecider.Decide(group,
            new WithdrawSource(context.Message.ArticleId, context.Message.Version, context.Message.Reason ?? "unpublished", clock.GetUtcNow())),
            context.CancellationToken);
}

public sealed class ArticleRetractedConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<ArticleRetractedConsumer> logger)
    : InboxConsumer<ArticleRetracted>(sessions, logger)
{
    protected override Task ApplyAsync(ConsumeContext<ArticleRetracted> context, IDocumentSession session) =>
        Groups.DecideAsync(session, context.Message.ArticleId, group => TranslationDecider.Decide(group,
            new WithdrawSource(context.Message.ArticleId, context.Message.Version, $"retracted: {context.Message.Reason}", clock.GetUtcNow())),
            context.CancellationToken);
}

/// <summary>
/// What this service stores from the articles service's messages is shown again (titles and slugs in the
/// translators' tasks, sections and tags as terms), so a message is held to the bounds of the articles' own input
/// (issue 12: trust no message). Slugs are made slugs again where they are used.
/// </summary>
public static class SourceMessages
{
    public const int MaxTitle = 200;
    public const int MaxTags = 30;
    public const int MaxTermLength = 50;

    public static string? Refusal(ArticlePublished m) =>
        m.ArticleId == Guid.Empty ? "no article id"
        : !LanguageNegotiation.IsLanguageTag(m.Language?.Trim()) ? "language is not a language tag"
        : string.IsNullOrWhiteSpace(m.Title) || m.Title.Trim().Length > MaxTitle ? $"title is empty or over {MaxTitle} characters"
        : string.IsNullOrWhiteSpace(m.Slug) || m.Slug.Length > Slugs.MaxLength * 2 ? "slug is empty or too long"
        : m.Version < 0 ? "negative version"
        : TermsRefusal(m.Section, m.Tags);

    public static string? TermsRefusal(string? section, IReadOnlyCollection<string>? tags) =>
        section?.Length > MaxTermLength ? $"section is over {MaxTermLength} characters"
        : tags?.Count > MaxTags ? $"more than {MaxTags} tags"
        : tags?.Any(t => t is null || t.Length > MaxTermLength) == true ? $"a tag is missing or over {MaxTermLength} characters"
        : null;
}

internal static class Groups
{
    public static async Task DecideAsync(IDocumentSession session, Guid articleId, Func<TranslationGroup?, Decision> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<TranslationGroup>(articleId, ct);
        var decision = decide(stream.Aggregate);
        // A rejection cannot come from a source event: the rules for them only accept or ignore.
        stream.AppendMany(decision.Events);
    }
}

/// <summary>Every section and tag an article carries becomes a translatable term the first time it is seen.</summary>
internal static class SourceTerms
{
    public static async Task SeeAsync(IDocumentSession session, string section, IEnumerable<string> tags, DateTimeOffset now, CancellationToken ct)
    {
        var terms = tags.Select(t => (Kind: TermKinds.Tags, Key: t)).Append((Kind: TermKinds.Sections, Key: section))
            .Where(t => !string.IsNullOrWhiteSpace(t.Key)).Distinct().ToList();
        var known = (await session.LoadManyAsync<Term>(ct, terms.Select(t => TermKinds.StreamId(t.Kind, t.Key)))).Select(t => t.Id).ToHashSet();
        foreach (var (kind, key) in terms.Where(t => !known.Contains(TermKinds.StreamId(t.Kind, t.Key))))
        {
            // Two articles bringing the same new tag at once: the second start collides, its message is retried,
            // and the retry finds the term.
            session.Events.StartStream<Term>(TermKinds.StreamId(kind, key), new TermSeen(kind, key, now));
        }
    }
}
