using System.Text.RegularExpressions;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Comments.Domain;

/// <summary>The configurable moderation rules (section <c>Comments:Moderation</c>).</summary>
public sealed class ModerationRules
{
    public ModerationMode Mode { get; set; } = ModerationMode.Post;
    public List<string> BannedWords { get; set; } = [];
    public int MaxLinks { get; set; } = 2;
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed record PostComment(
    Guid CommentId,
    Guid ArticleId,
    Comment? Parent,
    string AuthorName,
    string AuthorEmail,
    string? Website,
    string Body,
    string Ip,
    DateTimeOffset Now);

/// <summary>What the store knows about the poster, gathered before deciding.</summary>
public sealed record PosterHistory(bool HasApprovedComment, bool PostedSameBodyRecently);

public sealed record ApproveComment(Guid CommentId, string By, DateTimeOffset Now);

public sealed record RejectComment(Guid CommentId, string Reason, string By, DateTimeOffset Now);

public sealed record MarkCommentAsSpam(Guid CommentId, string By, DateTimeOffset Now);

public sealed record FlagComment(Guid CommentId, FlagReason Reason, string Ip, DateTimeOffset Now);

public sealed record HideComment(Guid CommentId, string Reason, DateTimeOffset Now);

public sealed record EraseComment(Guid CommentId, string By, DateTimeOffset Now);

/// <summary>Mask the IPs kept with a comment: its flaggers', and its poster's too when <see cref="PosterIp"/>.</summary>
public sealed record MaskCommentIps(Guid CommentId, bool PosterIp, DateTimeOffset Now);

public static partial class CommentDecider
{
    public const int FlagsToRequeue = 3;

    /// <summary>An erased comment is gone for good: no moderation brings it back.</summary>
    public const string ErasedComment = "The comment was erased at its author's request.";

    /// <summary>Posting: the thread must be open; the rules decide whether the comment waits, goes live or is rejected.</summary>
    public static Decision Decide(CommentThread thread, PostComment c, PosterHistory history, ModerationRules rules)
    {
        if (!thread.IsOpen) return Decision.Reject("Comments on this article are closed.");

        var mode = thread.Mode ?? rules.Mode;
        var (status, reason) = Moderate(c.Body, mode, history, rules);
        return Decision.Accept(new CommentPosted(c.CommentId, c.ArticleId, c.Parent?.Id, c.Parent?.RootId ?? c.CommentId,
            (c.Parent?.Depth ?? -1) + 1, c.AuthorName, c.AuthorEmail, c.Website, c.Body, c.Ip, status, reason, c.Now));
    }

    public static (CommentStatus Status, string? Reason) Moderate(string body, ModerationMode mode, PosterHistory history, ModerationRules rules)
    {
        var banned = rules.BannedWords.FirstOrDefault(w => w.Length > 0 &&
            Regex.IsMatch(body, $@"\b{Regex.Escape(w)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        if (banned is not null) return (CommentStatus.Rejected, "contains a banned word");

        var links = LinkPattern().Count(body);
        if (links > rules.MaxLinks) return (CommentStatus.Pending, $"contains {links} links (more than {rules.MaxLinks})");
        if (history.PostedSameBodyRecently) return (CommentStatus.Pending, "duplicate of a comment posted recently");
        if (mode == ModerationMode.Pre)
        {
            return (CommentStatus.Pending, history.HasApprovedComment ? "pre-moderation" : "first comment from this e-mail");
        }

        return (CommentStatus.Approved, null);
    }

    public static Decision Decide(Comment state, ApproveComment c) => state.Status switch
    {
        CommentStatus.Approved => Decision.Nothing,
        CommentStatus.Erased => Decision.Reject(ErasedComment),
        _ => Decision.Accept(new CommentApproved(c.CommentId, c.By, c.Now)),
    };

    public static Decision Decide(Comment state, RejectComment c) => state.Status switch
    {
        CommentStatus.Rejected => Decision.Nothing,
        CommentStatus.Erased => Decision.Reject(ErasedComment),
        _ => Decision.Accept(new CommentRejected(c.CommentId, c.Reason, c.By, c.Now)),
    };

    public static Decision Decide(Comment state, MarkCommentAsSpam c) => state.Status switch
    {
        CommentStatus.Spam => Decision.Nothing,
        CommentStatus.Erased => Decision.Reject(ErasedComment),
        _ => Decision.Accept(new CommentMarkedAsSpam(c.CommentId, c.By, c.Now)),
    };

    /// <summary>A flag counts once per IP; the third IP sends an approved comment back to the queue.</summary>
    public static Decision Decide(Comment state, FlagComment c)
    {
        if (state.FlaggingIps.Contains(c.Ip)) return Decision.Nothing;
        var flagged = new CommentFlagged(c.CommentId, c.Reason, c.Ip, c.Now);
        return state.IsApproved && state.FlaggingIps.Count + 1 >= FlagsToRequeue
            ? Decision.Accept(flagged, new CommentReturnedToQueue(c.CommentId,
                $"flagged by {FlagsToRequeue} readers ({string.Join(", ", state.FlagReasons.Append(c.Reason).Distinct().Select(r => r.ToString().ToLowerInvariant()))})", c.Now))
            : Decision.Accept(flagged);
    }

    public static Decision Decide(Comment state, HideComment c) => state.Status switch
    {
        CommentStatus.Hidden or CommentStatus.Rejected or CommentStatus.Spam or CommentStatus.Erased => Decision.Nothing,
        _ => Decision.Accept(new CommentHidden(c.CommentId, c.Reason, c.Now)),
    };

    public static Decision Decide(Comment state, EraseComment c) => state.Status switch
    {
        CommentStatus.Erased => Decision.Nothing,
        _ => Decision.Accept(new CommentErased(c.CommentId, c.By, c.Now)),
    };

    /// <summary>Nothing to do once every IP kept with the comment is masked.</summary>
    public static Decision Decide(Comment state, MaskCommentIps c) =>
        (!c.PosterIp || state.Ip == PersonalData.MaskedIp) && state.FlaggingIps.All(ip => ip == PersonalData.MaskedIp)
            ? Decision.Nothing
            : Decision.Accept(new CommentIpsMasked(c.CommentId, c.PosterIp, c.Now));

    [GeneratedRegex(@"https?://|www\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
