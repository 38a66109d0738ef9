using NewsPlatform.Comments.Domain;
using NewsPlatform.Platform.EventStore;

namespace NewsPlatform.UnitTests.Comments;

/// <summary>How a commenter's personal data leaves events and comments: erasure, IP retention and the analyst export.</summary>
public sealed class PersonalDataTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid CommentId = Guid.CreateVersion7();

    private static readonly CommentPosted Posted = new(CommentId, Guid.CreateVersion7(), null, CommentId, 0, "Anjali Ramdin",
        "anjali@example.mu", "https://anjali.mu", "Merci pour cet article.", "203.0.113.7", CommentStatus.Approved, null, Now);

    private static Comment Replay(params object[] events) =>
        events.Aggregate((Comment?)null, Comment.Transition)!;

    [Fact]
    public void Erasing_a_posted_event_takes_out_name_email_website_body_and_ip_and_keeps_what_it_was_about()
    {
        var erased = PersonalData.Erase(Posted);
        Assert.Equal((PersonalData.Erased, PersonalData.Erased, null, PersonalData.Erased, PersonalData.MaskedIp),
            (erased.AuthorName, erased.AuthorEmail, erased.Website, erased.Body, erased.Ip));
        Assert.Equal(Posted with { AuthorName = "", AuthorEmail = "", Website = null, Body = "", Ip = "" },
            erased with { AuthorName = "", AuthorEmail = "", Website = null, Body = "", Ip = "" });
        Assert.Equal(PersonalData.MaskedIp, PersonalData.Erase(new CommentFlagged(CommentId, FlagReason.Spam, "203.0.113.8", Now)).Ip);
        Assert.Equal(PersonalData.Erased, PersonalData.Erase(new EmailBanned("anjali@example.mu", "mod", Now)).Email);
        Assert.Equal(PersonalData.Erased, PersonalData.Erase(new EmailUnbanned("anjali@example.mu", "mod", Now)).Email);
    }

    [Fact]
    public void The_export_hides_name_email_website_and_ip_but_keeps_the_body()
    {
        var exported = PersonalData.ForExport(Posted);
        Assert.Equal((PersonalData.Masked, PersonalData.Masked, PersonalData.Masked, PersonalData.Masked, Posted.Body),
            (exported.AuthorName, exported.AuthorEmail, exported.Website, exported.Ip, exported.Body));
        Assert.Null(PersonalData.ForExport(Posted with { Website = null }).Website);
    }

    [Fact]
    public void The_export_masking_applies_to_the_registered_event_types_only()
    {
        var masking = new EventExportMasking().Mask<CommentPosted>(PersonalData.ForExport).Mask<CommentFlagged>(PersonalData.ForExport);
        Assert.Equal(PersonalData.Masked, ((CommentPosted)masking.Apply(Posted)).AuthorEmail);
        Assert.Equal(PersonalData.Masked, ((CommentFlagged)masking.Apply(new CommentFlagged(CommentId, FlagReason.Other, "10.1.1.1", Now))).Ip);
        var approved = new CommentApproved(CommentId, "mod", Now);
        Assert.Same(approved, masking.Apply(approved));
        Assert.False(masking.Masks(typeof(CommentApproved)));
    }

    [Fact]
    public void An_erased_comment_keeps_nothing_personal_and_the_same_state_comes_back_from_the_masked_events()
    {
        var flagged = new CommentFlagged(CommentId, FlagReason.Offensive, "198.51.100.1", Now);
        var erased = new CommentErased(CommentId, "admin", Now);
        var live = Replay(Posted, flagged, erased);
        Assert.Equal(CommentStatus.Erased, live.Status);
        Assert.Equal((PersonalData.Erased, PersonalData.Erased, null, PersonalData.Erased, PersonalData.MaskedIp),
            (live.AuthorName, live.AuthorEmail, live.Website, live.Body, live.Ip));
        Assert.False(live.IsApproved);

        // A projection rebuilt from the masked history is the comment the erasure left.
        var rebuilt = Replay(PersonalData.Erase(Posted), PersonalData.Erase(flagged), erased);
        static object Shown(Comment c) => (c.Id, c.ArticleId, c.ParentId, c.RootId, c.AuthorName, c.AuthorEmail, c.Website, c.Body, c.Ip,
            c.Status, c.HeldReason, c.CreatedAt, c.FlaggingIps.Count);
        Assert.Equal(Shown(live), Shown(rebuilt));
        Assert.Equal(live.FlagReasons, rebuilt.FlagReasons);
    }

    [Fact]
    public void Masked_flags_still_count_once_each_when_replayed()
    {
        var comment = Replay(Posted,
            PersonalData.Erase(new CommentFlagged(CommentId, FlagReason.Spam, "10.0.0.1", Now)),
            PersonalData.Erase(new CommentFlagged(CommentId, FlagReason.Abusive, "10.0.0.2", Now)));
        Assert.Equal(2, comment.FlaggingIps.Count);
    }

    [Fact]
    public void Masking_IPs_masks_the_flaggers_and_the_poster_only_when_asked()
    {
        var flagged = Replay(Posted, new CommentFlagged(CommentId, FlagReason.Spam, "10.0.0.1", Now));

        var flagsOnly = Comment.Transition(flagged, new CommentIpsMasked(CommentId, PosterIp: false, Now))!;
        Assert.Equal(Posted.Ip, flagsOnly.Ip);
        Assert.Equal([PersonalData.MaskedIp], flagsOnly.FlaggingIps);

        var all = Comment.Transition(flagged, new CommentIpsMasked(CommentId, PosterIp: true, Now))!;
        Assert.Equal(PersonalData.MaskedIp, all.Ip);
        Assert.Equal(Posted.Body, all.Body); // only the IPs go
        Assert.Equal(Posted.AuthorEmail, all.AuthorEmail);
    }

    [Fact]
    public void Masking_IPs_twice_changes_nothing_the_second_time()
    {
        var comment = Replay(Posted, new CommentFlagged(CommentId, FlagReason.Spam, "10.0.0.1", Now));
        var mask = new MaskCommentIps(CommentId, PosterIp: true, Now);
        var first = CommentDecider.Decide(comment, mask);
        Assert.IsType<CommentIpsMasked>(Assert.Single(first.Events));
        var masked = first.Events.Aggregate((Comment?)comment, Comment.Transition)!;
        Assert.Empty(CommentDecider.Decide(masked, mask).Events);

        // Masking the flags only of a comment whose flags are masked does nothing, whatever the poster's IP.
        var flagsMasked = Comment.Transition(comment, new CommentIpsMasked(CommentId, PosterIp: false, Now))!;
        Assert.Empty(CommentDecider.Decide(flagsMasked, new MaskCommentIps(CommentId, PosterIp: false, Now)).Events);
        Assert.NotEmpty(CommentDecider.Decide(flagsMasked, mask).Events);
    }

    [Fact]
    public void An_erased_comment_is_erased_once_and_no_moderation_brings_it_back()
    {
        var comment = Replay(Posted);
        var erase = new EraseComment(CommentId, "admin", Now);
        var erased = Replay(Posted, Assert.Single(CommentDecider.Decide(comment, erase).Events));
        Assert.Empty(CommentDecider.Decide(erased, erase).Events);

        Assert.Equal(CommentDecider.ErasedComment, CommentDecider.Decide(erased, new ApproveComment(CommentId, "mod", Now)).Rejection);
        Assert.True(CommentDecider.Decide(erased, new RejectComment(CommentId, "off topic", "mod", Now)).IsRejected);
        Assert.True(CommentDecider.Decide(erased, new MarkCommentAsSpam(CommentId, "mod", Now)).IsRejected);
        Assert.Empty(CommentDecider.Decide(erased, new HideComment(CommentId, "author banned", Now)).Events);
    }

    [Fact]
    public void A_ban_keeps_its_stream_but_loses_the_address()
    {
        var ban = EmailBan.Transition(null, new EmailBanned("anjali@example.mu", "mod", Now))!;
        var erased = EmailBan.Transition(ban, new BannedEmailErased(Now))!;
        Assert.True(erased.Active);
        Assert.Equal(PersonalData.Erased, erased.Email);
    }

    [Theory]
    [InlineData("  Anjali@Example.MU ", "anjali@example.mu")]
    [InlineData("a@b", "a@b")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("no-at-sign", null)]
    [InlineData("@example.mu", null)]
    [InlineData("anjali@", null)]
    [InlineData("an jali@example.mu", null)]
    public void An_erasure_names_an_address(string? email, string? expected) =>
        Assert.Equal(expected, PersonalData.NormaliseEmail(email));

    [Fact]
    public void An_address_longer_than_254_characters_is_none() =>
        Assert.Null(PersonalData.NormaliseEmail(new string('a', 250) + "@b.mu"));
}
