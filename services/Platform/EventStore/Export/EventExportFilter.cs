using NewsPlatform.Platform.Http;

namespace NewsPlatform.Platform.EventStore.Export;

/// <summary>Which events an export holds: after a sequence, of some types, in a time range, of one stream, at most so many.</summary>
public sealed record EventExportFilter(long After, string[] Types, DateTimeOffset? From, DateTimeOffset? To, Guid? StreamId, long Limit)
{
    public const long DefaultLimit = 10_000;
    public const long MaxLimit = 100_000_000;

    /// <summary>The filter, or the reasons the query is not one (a 400 problem names them).</summary>
    public static (EventExportFilter? Filter, Dictionary<string, string[]>? Errors) Parse(long? after, string? types,
        DateTimeOffset? from, DateTimeOffset? to, Guid? streamId, long? limit)
    {
        var errors = new ValidationErrors();
        if (after < 0) errors.Add("after", "after is a sequence number, 0 or more.");
        if (limit is < 1 or > MaxLimit) errors.Add("limit", $"limit is between 1 and {MaxLimit}.");
        if (from > to) errors.Add("from", "from must not be after to.");
        var typeNames = types?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (typeNames.Any(t => t.Length > 200)) errors.Add("types", "An event type name is at most 200 characters.");
        if (typeNames.Length > 100) errors.Add("types", "At most 100 event types.");
        if (errors.Any) return (null, errors.ToDictionary());
        return (new EventExportFilter(after ?? 0, typeNames, from, to, streamId, limit ?? DefaultLimit), null);
    }
}
