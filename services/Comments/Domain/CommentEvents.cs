namespace NewsPlatform.Comments.Domain;

// A comment is a stream of its own (docs/decisions/0004): posting, moderation and flags change one comment,
// so two readers commenting at once never contend. What the article's thread must know — whether it is open,
// how many comments are approved — lives in the thread stream.

/// <summary>A reader posted a comment, approved at once or held for moderation (`status`, `heldReason`). Name, e-mail, website and IP are masked in exports.</summary>
public sealed record CommentPosted(
    Guid CommentId,
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
    DateTimeOffset At);

/// <summary>A moderator approved a held comment: readers see it.</summary>
public sealed record CommentApproved(Guid CommentId, string By, DateTimeOffset At);

/// <summary>A moderator rejected a held comment, with the reason.</summary>
public sealed record CommentRejected(Guid CommentId, string Reason, string By, DateTimeOffset At);

/// <summary>A moderator marked a comment as spam.</summary>
public sealed record CommentMarkedAsSpam(Guid CommentId, string By, DateTimeOffset At);

/// <summary>A reader flagged a comment; the flagger's IP is kept for the retention period and masked in exports.</summary>
public sealed record CommentFlagged(Guid CommentId, FlagReason Reason, string Ip, DateTimeOffset At);

/// <summary>Enough readers flagged an approved comment: it waits for a moderator again.</summary>
public sealed record CommentReturnedToQueue(Guid CommentId, string Reason, DateTimeOffset At);

/// <summary>Its author's e-mail was banned: the comment leaves public reads.</summary>
public sealed record CommentHidden(Guid CommentId, string Reason, DateTimeOffset At);

/// <summary>
/// Its author asked to be forgotten (docs/decisions/0007): the comment leaves the threads and its name, e-mail,
/// website, IP and body are gone from the projection. Carries nothing personal itself.
/// </summary>
public sealed record CommentErased(Guid CommentId, string By, DateTimeOffset At);

/// <summary>
/// IPs kept with the comment were masked: its flaggers' always, its poster's too when <see cref="PosterIp"/> (the
/// retention ran out, rather than one flagger being erased).
/// </summary>
public sealed record CommentIpsMasked(Guid CommentId, bool PosterIp, DateTimeOffset At);

/// <summary>An erasure request was carried out (the audit of it): how many comments it erased, never whose.</summary>
public sealed record CommenterErased(Guid ErasureId, int Comments, int FlagsMasked, bool BanKept, string By, DateTimeOffset At);

/// <summary>The banned person was erased: the ban stays (keyed by a hash of the address) but the address leaves it.</summary>
public sealed record BannedEmailErased(DateTimeOffset At);

/// <summary>A moderator banned an e-mail address from commenting (masked in exports).</summary>
public sealed record EmailBanned(string Email, string By, DateTimeOffset At);

/// <summary>A ban on an e-mail address was lifted (masked in exports).</summary>
public sealed record EmailUnbanned(string Email, string By, DateTimeOffset At);

public enum CommentStatus
{
    Pending,
    Approved,
    Rejected,
    Spam,
    Hidden,

    /// <summary>Its author was erased: never shown, except as a "[deleted]" placeholder above published replies.</summary>
    Erased,
}

public enum FlagReason
{
    Offensive,
    Abusive,
    Spam,
    Other,
}
