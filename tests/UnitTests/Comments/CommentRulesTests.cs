using NewsPlatform.Comments.Domain;
using NewsPlatform.Comments.Threads;

namespace NewsPlatform.UnitTests.Comments;

/// <summary>Posting and moderation rules: given a thread and the poster's history, which status a comment gets.</summary>
public sealed class CommentRulesTests
{
    private static readonly Guid ArticleId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
    private static readonly CommentThread Open = new(ArticleId, "slug", "Title", true, true, 2, null, 0, 1);
    private static readonly PosterHistory Known = new(HasApprovedComment: true, PostedSameBodyRecently: false);
    private static readonly PosterHistory Unknown = new(HasApprovedComment: false, PostedSameBodyRecently: false);
    private static readonly ModerationRules Rules = new() { BannedWords = ["scam"], MaxLinks = 2 };

    private static PostComment Post(string body, Comment? parent = null) =>
        new(Guid.CreateVersion7(), ArticleId, parent, "Reader", "reader@example.mu", null, body, "10.0.0.1", Now);

    private static CommentPosted Posted(CommentThread thread, string body, PosterHistory history, Comment? parent = null) =>
        Assert.IsType<CommentPosted>(Assert.Single(CommentDecider.Decide(thread, Post(body, parent), history, Rules).Events));

    [Fact]
    public void In_post_mode_a_clean_comment_is_approved_at_once() =>
        Assert.Equal(CommentStatus.Approved, Posted(Open, "Très bon article.", Unknown).Status);

    [Fact]
    public void A_banned_word_rejects_the_comment()
    {
        var posted = Posted(Open, "This is a SCAM!", Known);
        Assert.Equal((CommentStatus.Rejected, "contains a banned word"), (posted.Status, posted.HeldReason));
        Assert.Equal(CommentStatus.Approved, Posted(Open, "A scampi recipe", Known).Status); // words, not substrings
    }

    [Fact]
    public void More_than_two_links_hold_the_comment()
    {
        var posted = Posted(Open, "see http://a.mu and https://b.mu and www.c.mu", Known);
        Assert.Equal(CommentStatus.Pending, posted.Status);
        Assert.Contains("3 links", posted.HeldReason);
        Assert.Equal(CommentStatus.Approved, Posted(Open, "see http://a.mu and https://b.mu", Known).Status);
    }

    [Fact]
    public void The_same_body_again_soon_is_held_as_a_duplicate() =>
        Assert.Equal("duplicate of a comment posted recently", Posted(Open, "Same", Known with { PostedSameBodyRecently = true }).HeldReason);

    [Fact]
    public void In_pre_mode_everything_waits_and_a_first_comment_says_so()
    {
        var pre = Open with { Mode = ModerationMode.Pre };
        Assert.Equal((CommentStatus.Pending, "first comment from this e-mail"), (Posted(pre, "Hi", Unknown).Status, Posted(pre, "Hi", Unknown).HeldReason));
        Assert.Equal((CommentStatus.Pending, "pre-moderation"), (Posted(pre, "Hi", Known).Status, Posted(pre, "Hi", Known).HeldReason));
    }

    [Fact]
    public void The_site_mode_applies_unless_the_article_overrides_it()
    {
        var preSite = new ModerationRules { Mode = ModerationMode.Pre };
        var decision = CommentDecider.Decide(Open, Post("Hi"), Known, preSite);
        Assert.Equal(CommentStatus.Pending, ((CommentPosted)decision.Events[0]).Status);
        var overridden = CommentDecider.Decide(Open with { Mode = ModerationMode.Post }, Post("Hi"), Known, preSite);
        Assert.Equal(CommentStatus.Approved, ((CommentPosted)overridden.Events[0]).Status);
    }

    [Fact]
    public void A_closed_thread_takes_no_comment() =>
        Assert.True(CommentDecider.Decide(Open with { IsOpen = false }, Post("Hi"), Known, Rules).IsRejected);

    [Fact]
    public void A_reply_records_its_parent_root_and_depth()
    {
        var root = Posted(Open, "root", Known);
        var rootComment = Comment.Transition(null, root)!;
        var reply = Posted(Open, "reply", Known, rootComment);
        Assert.Equal((root.CommentId, root.CommentId, 1), (reply.ParentId!.Value, reply.RootId, reply.Depth));
        var deeper = Posted(Open, "deeper", Known, Comment.Transition(null, reply));
        Assert.Equal((root.CommentId, 2), (deeper.RootId, deeper.Depth));
    }

    [Fact]
    public void Three_flags_from_different_IPs_send_an_approved_comment_back_to_the_queue()
    {
        var comment = Comment.Transition(null, Posted(Open, "Fine", Known))!;
        for (var i = 1; i <= 2; i++)
        {
            comment = CommentDecider.Decide(comment, new FlagComment(comment.Id, FlagReason.Offensive, $"10.0.0.{i}", Now)).Events
                .Aggregate(comment, (c, e) => Comment.Transition(c, e)!);
        }

        Assert.Empty(CommentDecider.Decide(comment, new FlagComment(comment.Id, FlagReason.Spam, "10.0.0.2", Now)).Events);
        var third = CommentDecider.Decide(comment, new FlagComment(comment.Id, FlagReason.Spam, "10.0.0.3", Now));
        var requeued = Assert.IsType<CommentReturnedToQueue>(third.Events[1]);
        Assert.Contains("offensive, spam", requeued.Reason);
        Assert.Equal(CommentStatus.Pending, third.Events.Aggregate(comment, (c, e) => Comment.Transition(c, e)!).Status);
    }

    [Fact]
    public void Approving_rejecting_and_spam_are_idempotent()
    {
        var comment = Comment.Transition(null, Posted(Open, "Fine", Known))!;
        Assert.Empty(CommentDecider.Decide(comment, new ApproveComment(comment.Id, "m", Now)).Events);
        var rejected = Comment.Transition(comment, new CommentRejected(comment.Id, "rude", "m", Now))!;
        Assert.Empty(CommentDecider.Decide(rejected, new RejectComment(comment.Id, "rude", "m", Now)).Events);
        Assert.IsType<CommentApproved>(Assert.Single(CommentDecider.Decide(rejected, new ApproveComment(comment.Id, "m", Now)).Events));
        var spam = Comment.Transition(comment, new CommentMarkedAsSpam(comment.Id, "m", Now))!;
        Assert.Empty(CommentDecider.Decide(spam, new MarkCommentAsSpam(comment.Id, "m", Now)).Events);
    }

    [Fact]
    public void A_ban_hides_visible_comments_and_leaves_rejected_ones_alone()
    {
        var comment = Comment.Transition(null, Posted(Open, "Fine", Known))!;
        Assert.IsType<CommentHidden>(Assert.Single(CommentDecider.Decide(comment, new HideComment(comment.Id, "author banned", Now)).Events));
        var rejected = comment with { Status = CommentStatus.Rejected };
        Assert.Empty(CommentDecider.Decide(rejected, new HideComment(comment.Id, "author banned", Now)).Events);
    }

    [Fact]
    public void The_ban_stream_of_an_address_ignores_case() =>
        Assert.Equal(EmailBan.StreamIdFor("Reader@Example.mu "), EmailBan.StreamIdFor("reader@example.mu"));
}
