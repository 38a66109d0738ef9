namespace NewsPlatform.Comments.Domain;

/// <summary>Where personal data is kept and how long (section <c>Comments:Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Comments:Privacy";

    /// <summary>How long a commenter's or a flagger's IP is kept (CONTRACT.md: at most 30 days).</summary>
    public TimeSpan IpRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the retention job looks for IPs past their time.</summary>
    public TimeSpan IpMaskingInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// A commenter's personal data (CONTRACT.md: name, e-mail, website, IP; the bodies too when they are erased) and
/// the three ways it is taken out of an event (docs/decisions/0007): erased for good (Marten's event masking), the
/// IP alone after its retention, and masked on the way out to analysts without changing what is stored.
/// </summary>
public static class PersonalData
{
    /// <summary>What stands where an erased name, e-mail or body was.</summary>
    public const string Erased = "[erased]";

    /// <summary>What stands where an IP was (erased or past its retention); never a real address, so no limit matches it.</summary>
    public const string MaskedIp = "[masked]";

    /// <summary>What an analyst export shows in place of a name, e-mail, website or IP.</summary>
    public const string Masked = "[masked]";

    /// <summary>What readers see of an erased comment that keeps published replies in place.</summary>
    public const string DeletedPlaceholder = "[deleted]";

    // Erasure: the masking rules registered with Marten, applied in place to the stored events.
    public static CommentPosted Erase(CommentPosted e) => e with
    {
        AuthorName = Erased, AuthorEmail = Erased, Website = null, Body = Erased, Ip = MaskedIp,
    };

    public static CommentFlagged Erase(CommentFlagged e) => e with { Ip = MaskedIp };

    public static EmailBanned Erase(EmailBanned e) => e with { Email = Erased };

    public static EmailUnbanned Erase(EmailUnbanned e) => e with { Email = Erased };

    // The analyst export: no name, e-mail, website or IP, erased or not; the body stays (it is what analysts study).
    public static CommentPosted ForExport(CommentPosted e) => e with
    {
        AuthorName = Masked, AuthorEmail = Masked, Website = e.Website is null ? null : Masked, Ip = Masked,
    };

    public static CommentFlagged ForExport(CommentFlagged e) => e with { Ip = Masked };

    public static EmailBanned ForExport(EmailBanned e) => e with { Email = Masked };

    public static EmailUnbanned ForExport(EmailUnbanned e) => e with { Email = Masked };

    /// <summary>The normalised address an erasure request names, or null when it is not one.</summary>
    public static string? NormaliseEmail(string? email)
    {
        var normalised = email?.Trim().ToLowerInvariant() ?? "";
        var at = normalised.IndexOf('@');
        return normalised.Length is 0 or > 254 || at <= 0 || at == normalised.Length - 1 || normalised.Any(char.IsWhiteSpace)
            ? null
            : normalised;
    }
}
