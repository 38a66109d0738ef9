using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace NewsPlatform.Platform.Http;

/// <summary>A stream version as an HTTP entity tag: <c>ETag: "7"</c>, and <c>If-Match</c> read back into a version.</summary>
public static class Versioning
{
    public static string ETag(long version) => $"\"{version}\"";

    public static void SetETag(this HttpResponse response, long version) =>
        response.Headers.ETag = ETag(version);

    /// <summary>
    /// The version the caller expects, from <c>If-Match</c>: null with a 428 problem when the header is
    /// missing, and <see cref="long.MinValue"/> (never a stream version) when it is present but names no
    /// version of ours, so that the update fails with 412 as RFC 9110 asks.
    /// </summary>
    public static bool TryGetExpectedVersion(this HttpRequest request, out long expected, out IResult? problem) =>
        request.TryGetExpected(tag => long.TryParse(tag, out var version) ? version : null, out expected, out problem);

    /// <summary>
    /// An ETag for a resource composed of several streams (<c>"4.0.7"</c>): its own version first, then those of the
    /// streams it is composed with, so that a change in any of them changes the tag.
    /// </summary>
    public static string CompositeETag(IEnumerable<long> versions) => $"\"{string.Join('.', versions)}\"";

    /// <summary>The own version that an <c>If-Match</c> with a <see cref="CompositeETag"/> names: its first number.</summary>
    public static bool TryGetExpectedOwnVersion(this HttpRequest request, out long expected, out IResult? problem) =>
        request.TryGetExpected(tag => long.TryParse(tag.Split('.')[0], out var version) ? version : null, out expected, out problem);

    private static bool TryGetExpected(this HttpRequest request, Func<string, long?> versionOf, out long expected, out IResult? problem)
    {
        expected = 0;
        problem = null;
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            problem = Problems.PreconditionRequired();
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count != 1 || tags[0].IsWeak
            || versionOf(tags[0].Tag.ToString().Trim('"')) is not { } version)
        {
            problem = Problems.PreconditionFailed();
            return false;
        }

        expected = version;
        return true;
    }

    /// <summary>True when <c>If-None-Match</c> already names this version: the caller gets 304.</summary>
    public static bool IsNotModified(this HttpRequest request, long version) => request.IsNotModified(ETag(version));

    /// <summary>True when <c>If-None-Match</c> names <paramref name="etag"/> (weak comparison, as RFC 9110 asks for GET) or is <c>*</c>.</summary>
    public static bool IsNotModified(this HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags)) return false;
        var current = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}
