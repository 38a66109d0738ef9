using System.Text.Json.Serialization;

namespace NewsPlatform.Newsroom.Gateway;

/// <summary>An RFC 9457 problem as the services send it; <see cref="Errors"/> holds validation messages by field.</summary>
public sealed class Problem
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public int? Status { get; set; }
    public string? Detail { get; set; }
    public string? TraceId { get; set; }

    [JsonPropertyName("errors")]
    public Dictionary<string, string[]>? Errors { get; set; }

    /// <summary>The messages for one field (case-insensitive, as the services name fields in camelCase).</summary>
    public IReadOnlyList<string> For(string field) => Errors?
        .Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase))
        .SelectMany(e => e.Value).ToList() ?? [];

    /// <summary>What no field of the form shows: the detail, and errors of fields the form does not have.</summary>
    public IEnumerable<string> Unplaced(IEnumerable<string> fields)
    {
        var known = new HashSet<string>(fields, StringComparer.OrdinalIgnoreCase);
        var rest = Errors?.Where(e => !known.Contains(e.Key)).SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList() ?? [];
        if (rest.Count == 0 && (Detail ?? Title) is { } text) rest.Add(text);
        return rest;
    }
}

/// <summary>What a gateway call came to: its status, the value, the <c>ETag</c> for the next update, or the problem.</summary>
public sealed record ApiResult<T>(int Status, T? Value = default, string? ETag = null, Problem? Problem = null, string? Location = null)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Someone else changed the resource since the caller read it (<c>If-Match</c> did not match).</summary>
    public bool IsConflictingEdit => Status == 412;
}

/// <summary>The API answered 401: the session's token is gone or refused; the user must sign in again.</summary>
public sealed class SessionExpiredException() : Exception("The gateway refused the session's access token.");
