using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NewsPlatform.Comments.Domain;

/// <summary>A comment as its events leave it. The e-mail and IP are kept for moderation and never shown publicly.</summary>
public sealed record Comment(
    Guid Id,
    Guid ArticleId,
    Guid? ParentId,
    Guid RootId,
    int Depth,
    string AuthorName,
    string AuthorEmail,
    string? Website,
    string Body,
    string Ip,
    CommentStatus Status,
    string? HeldReason,
    IReadOnlyList<string> FlaggingIps,
    IReadOnlyList<FlagReason> FlagReasons,
    DateTimeOffset CreatedAt,
    long Version)
{
    public bool IsApproved => Status == CommentStatus.Approved;

    public static Comment? Transition(Comment? state, object @event) => (state, @event) switch
    {
        (null, CommentPosted e) => new Comment(e.CommentId, e.ArticleId, e.ParentId, e.RootId, e.Depth, e.AuthorName,
            e.AuthorEmail, e.Website, e.Body, e.Ip, e.Status, e.HeldReason, [], [], e.At, 0),
        (null, _) => null,
        (_, CommentApproved) => state with { Status = CommentStatus.Approved, HeldReason = null },
        (_, CommentRejected e) => state with { Status = CommentStatus.Rejected, HeldReason = e.Reason },
        (_, CommentMarkedAsSpam) => state with { Status = CommentStatus.Spam, HeldReason = "spam" },
        (_, CommentFlagged e) => state with
        {
            // A masked IP says nothing about who flagged, so each masked flag still counts once.
            FlaggingIps = e.Ip != PersonalData.MaskedIp && state.FlaggingIps.Contains(e.Ip) ? state.FlaggingIps : [.. state.FlaggingIps, e.Ip],
            FlagReasons = [.. state.FlagReasons, e.Reason],
        },
        (_, CommentReturnedToQueue e) => state with { Status = CommentStatus.Pending, HeldReason = e.Reason },
        (_, CommentHidden e) => state with { Status = CommentStatus.Hidden, HeldReason = e.Reason },
        (_, CommentErased) => state with
        {
            AuthorName = PersonalData.Erased, AuthorEmail = PersonalData.Erased, Website = null, Body = PersonalData.Erased,
            Ip = PersonalData.MaskedIp, Status = CommentStatus.Erased, HeldReason = null,
        },
        (_, CommentIpsMasked e) => state with
        {
            Ip = e.PosterIp ? PersonalData.MaskedIp : state.Ip,
            FlaggingIps = [.. state.FlaggingIps.Select(_ => PersonalData.MaskedIp)],
        },
        _ => state,
    };
}

public sealed class CommentProjection : SingleStreamProjection<Comment, Guid>
{
    public override Comment? Evolve(Comment? snapshot, Guid id, IEvent e) =>
        Comment.Transition(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

/// <summary>A banned e-mail (stream id derived from the address), as the ban's events leave it.</summary>
public sealed record EmailBan(Guid Id, string Email, bool Active, long Version)
{
    public static EmailBan? Transition(EmailBan? state, object @event) => @event switch
    {
        EmailBanned e => new EmailBan(state?.Id ?? Guid.Empty, e.Email, true, 0),
        EmailUnbanned when state is not null => state with { Active = false },
        BannedEmailErased when state is not null => state with { Email = PersonalData.Erased },
        _ => state,
    };

    /// <summary>The ban stream of an address: the same address (any case) always gives the same stream.</summary>
    public static Guid StreamIdFor(string email) => NewsPlatform.Platform.Domain.StreamIds.For(email);
}

public sealed class EmailBanProjection : SingleStreamProjection<EmailBan, Guid>
{
    public override EmailBan? Evolve(EmailBan? snapshot, Guid id, IEvent e) =>
        EmailBan.Transition(snapshot, e.Data) is { } next ? next with { Id = id, Version = e.Version } : null;
}
