using System.Collections.Concurrent;
using System.Data;
using System.Text.Json;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace NewsPlatform.Platform.EventStore.Export;

/// <summary>One page of raw events, column by column, reused from page to page so that an export allocates no event objects.</summary>
public sealed class EventPage(int capacity)
{
    public readonly long[] Sequence = new long[capacity];
    public readonly Guid[] StreamId = new Guid[capacity];
    public readonly long[] Version = new long[capacity];
    public readonly string[] Type = new string[capacity];
    public readonly DateTime[] At = new DateTime[capacity];
    public readonly byte[][] Data = new byte[capacity][];
    public readonly string?[] CorrelationId = new string?[capacity];
    public readonly string?[] CausationId = new string?[capacity];
    public int Count;
    public int Capacity => Sequence.Length;
}

/// <summary>
/// Reads a service's events straight from its <c>mt_events</c> table with a plain Npgsql reader, a keyset page at a time
/// (<c>seq_id &gt; last</c>, the primary key), and writes their data as the API's JSON with personal data masked
/// (docs/decisions/0019). Marten's own event query builds every event as an object, which held the export to ~15k events/s.
/// </summary>
public sealed class EventPages(IDocumentStore store, EventExportMasking? masking)
{
    private static readonly ConcurrentDictionary<(string Schema, string Type), EventDataShape> KnownShapes = new();
    private static readonly ConcurrentDictionary<(string Schema, string Type), Type?> KnownTypes = new();
    private readonly string _schema = store.Options.Events.DatabaseSchemaName;

    private Weasel.Postgresql.PostgresqlDatabase Database => (Weasel.Postgresql.PostgresqlDatabase)store.Storage.Database;

    /// <summary>
    /// Every page of the export in order, the next one read while the caller writes the current one (PostgreSQL works
    /// while this process writes). A page is valid until the next is asked for.
    /// </summary>
    public async IAsyncEnumerable<EventPage> ReadAllAsync(EventExportFilter filter, int capacity,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (current, next) = (new EventPage(capacity), new EventPage(capacity));
        var remaining = filter.Limit;
        if (!await ReadAsync(current, filter, filter.After, remaining, ct)) yield break;
        while (true)
        {
            remaining -= current.Count;
            var nextRead = ReadAsync(next, filter, current.Sequence[current.Count - 1], remaining, ct);
            try
            {
                yield return current;
            }
            finally
            {
                // Abandoned (the caller went away): the read in flight is awaited, never left running unobserved.
                if (!nextRead.IsCompleted) await Task.WhenAny(nextRead);
            }

            if (!await nextRead) yield break;
            (current, next) = (next, current);
        }
    }

    /// <summary>Fills the page with the next events after <paramref name="after"/>; false when there are none.</summary>
    public async Task<bool> ReadAsync(EventPage page, EventExportFilter filter, long after, long remaining, CancellationToken ct)
    {
        page.Count = 0;
        if (remaining <= 0) return false;
        await using var connection = await Database.DataSource.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        var sql = new System.Text.StringBuilder($"""
            select seq_id, stream_id, version, type, timestamp, data, correlation_id, causation_id
            from {_schema}.mt_events where seq_id > @after
            """);
        command.Parameters.Add(new NpgsqlParameter<long>("after", after));
        if (filter.Types.Length > 0)
        {
            sql.Append(" and type = any(@types)");
            command.Parameters.Add(new NpgsqlParameter<string[]>("types", filter.Types) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        }

        if (filter.From is { } from)
        {
            sql.Append(" and timestamp >= @from");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        }

        if (filter.To is { } to)
        {
            sql.Append(" and timestamp <= @to");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        }

        if (filter.StreamId is { } streamId)
        {
            sql.Append(" and stream_id = @stream");
            command.Parameters.Add(new NpgsqlParameter<Guid>("stream", streamId));
        }

        sql.Append(" order by seq_id limit @limit");
        command.Parameters.Add(new NpgsqlParameter<int>("limit", (int)Math.Min(page.Capacity, remaining)));
        command.CommandText = sql.ToString();

        var i = 0;
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct))
        {
        while (await reader.ReadAsync(ct))
        {
            page.Sequence[i] = reader.GetInt64(0);
            page.StreamId[i] = reader.IsDBNull(1) ? Guid.Empty : reader.GetGuid(1);
            page.Version[i] = reader.GetInt64(2);
            page.Type[i] = reader.GetString(3);
            page.At[i] = reader.GetFieldValue<DateTime>(4);
            page.Data[i] = reader.GetFieldValue<byte[]>(5);
            page.CorrelationId[i] = reader.IsDBNull(6) ? null : reader.GetString(6);
            page.CausationId[i] = reader.IsDBNull(7) ? null : reader.GetString(7);
            i++;
        }
        }

        page.Count = i;
        await ResolveTypesAsync(connection, page, ct);
        return i > 0;
    }

    /// <summary>The .NET type behind each event type name met for the first time, from the row Marten wrote it in.</summary>
    private async Task ResolveTypesAsync(NpgsqlConnection connection, EventPage page, CancellationToken ct)
    {
        Dictionary<string, long>? missing = null;
        for (var i = 0; i < page.Count; i++)
        {
            if (!KnownTypes.ContainsKey((_schema, page.Type[i]))) (missing ??= [])[page.Type[i]] = page.Sequence[i];
        }

        if (missing is null) return;
        await using var command = connection.CreateCommand();
        command.CommandText = $"select type, mt_dotnet_type from {_schema}.mt_events where seq_id = any(@seqs)";
        command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", [.. missing.Values]));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var dotnetType = reader.IsDBNull(1) ? null : System.Type.GetType(reader.GetString(1), throwOnError: false);
            KnownTypes[(_schema, reader.GetString(0))] = dotnetType;
        }
    }

    /// <summary>Writes one event's data as the API's JSON: masked through its .NET type when the service masks it, else transcoded.</summary>
    public void WriteData(Utf8JsonWriter writer, string type, byte[] data)
    {
        var dotnetType = KnownTypes.GetValueOrDefault((_schema, type));
        if (dotnetType is null && masking is { Any: true })
        {
            // Fail closed: an event whose type this process cannot name cannot be masked, so its data does not leave.
            writer.WriteNullValue();
            return;
        }

        if (dotnetType is not null && masking is not null && masking.Masks(dotnetType))
        {
            // The few masked types take the slow, sure road: the very masks the service registered, on the event itself.
            var stored = store.Options.Serializer().FromJson(dotnetType, new MemoryStream(data));
            var masked = masking.Apply(stored);
            JsonSerializer.Serialize(writer, masked, dotnetType, Http.JsonDefaults.Web);
            return;
        }

        var shape = KnownShapes.GetOrAdd((_schema, type), static (_, t) => t is null ? EventDataShape.Verbatim : EventDataShape.For(t), dotnetType);
        var reader = new Utf8JsonReader(data);
        reader.Read();
        shape.Copy(ref reader, writer);
    }
}
