using System.Security.Cryptography;
using System.Text;

namespace NewsPlatform.Platform.Domain;

/// <summary>
/// A stream id derived from a natural key (an e-mail address, <c>strings:fr</c>, <c>term:tags:economy</c>), so that
/// every replica addresses the same stream for the same thing and a second start of it collides instead of
/// duplicating it. The key is compared without case.
/// </summary>
public static class StreamIds
{
    public static Guid For(string naturalKey) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes(naturalKey.Trim().ToLowerInvariant())));
}
