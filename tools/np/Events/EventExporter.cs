using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsPlatform.Np.Connection;
using Parquet;

namespace NewsPlatform.Np.Events;

/// <summary>Which events to export; the same filters must be given to resume an export.</summary>
public sealed record ExportFilter(string? Types = null, DateTimeOffset? From = null, DateTimeOffset? To = null, Guid? StreamId = null)
{
    public string Query()
    {
        var query = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(Types)) query.Append("&types=").Append(Uri.EscapeDataString(Types));
        if (From is { } from) query.Append("&from=").Append(Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        if (To is { } to) query.Append("&to=").Append(Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)));
        if (StreamId is { } stream) query.Append("&streamId=").Append(stream);
        return query.ToString();
    }
}

/// <summary>What an export reports as it goes: the last sequence written, and the high-water mark it chases.</summary>
public interface IExportProgress
{
    void Started(long resumedAfter, long highWaterMark);
    void Wrote(long lastSequence);
}

/// <summary>
/// Exports a service's history to a file, a chunk of events per request, streamed to disk (memory stays flat whatever
/// the history's length). Resumable without loss or duplicates: NDJSON resumes after the last whole line in the file;
/// Parquet keeps each finished chunk as a part named by its last sequence (<c>{out}.parts/</c>) and joins them into the
/// file at the end, so an interrupted run leaves at most a <c>.tmp</c> part, which the next run discards.
/// </summary>
public sealed class EventExporter(HttpClient http)
{
    public const int DefaultChunk = 250_000;

    public int Chunk { get; init; } = DefaultChunk;

    /// <summary>The last sequence the service has (its projections' high-water mark), for progress bars; 0 when unknown.</summary>
    public async Task<long> HighWaterMarkAsync(string service, CancellationToken ct)
    {
        using var response = await http.GetAsync($"{PlatformClient.Prefix(service)}/projections", ct);
        if (!response.IsSuccessStatusCode) return 0;
        var projections = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?.AsArray();
        return projections?.Select(p => (long?)p?["highWaterMark"] ?? 0).DefaultIfEmpty(0).Max() ?? 0;
    }

    public async Task<long> ExportNdjsonAsync(string service, string file, ExportFilter filter, IExportProgress? progress, CancellationToken ct)
    {
        CheckSameFilter(file + ".query", filter);
        var after = TrimToLastWholeLine(file);
        progress?.Started(after, await HighWaterMarkAsync(service, ct));
        await using var output = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
        while (true)
        {
            using var response = await http.GetAsync($"{PlatformClient.Prefix(service)}/events?format=ndjson&after={after}&limit={Chunk}{filter.Query()}",
                HttpCompletionOption.ResponseHeadersRead, ct);
            await PlatformClient.EnsureSuccessAsync(response, ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[1 << 16];
            var pending = new MemoryStream(); // the start of a line whose end has not come yet
            var lines = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                var lastNewline = buffer.AsSpan(0, read).LastIndexOf((byte)'\n');
                if (lastNewline < 0)
                {
                    pending.Write(buffer, 0, read);
                    continue;
                }

                // Only whole lines reach the file: a line cut by an interruption is never half written.
                lines += buffer.AsSpan(0, lastNewline + 1).Count((byte)'\n');
                var previousNewline = buffer.AsSpan(0, lastNewline).LastIndexOf((byte)'\n');
                var lastLine = previousNewline >= 0
                    ? buffer[(previousNewline + 1)..lastNewline]
                    : [.. pending.GetBuffer().AsSpan(0, (int)pending.Length), .. buffer.AsSpan(0, lastNewline)];
                await output.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), ct);
                pending.SetLength(0);
                await output.WriteAsync(buffer.AsMemory(0, lastNewline + 1), ct);
                pending.Write(buffer, lastNewline + 1, read - lastNewline - 1);
                after = SequenceOf(lastLine);
                progress?.Wrote(after);
            }

            await output.FlushAsync(ct);
            if (lines < Chunk) return after;
        }
    }

    private static long SequenceOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("sequence"u8) && reader.Read()) return reader.GetInt64();
        }

        throw new NpException("An exported line has no sequence.");
    }

    /// <summary>Cuts a line the last run did not finish, and returns the sequence of the last whole one (0: start from the beginning).</summary>
    private static long TrimToLastWholeLine(string file)
    {
        if (!File.Exists(file)) return 0;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        var length = stream.Length;
        var end = length;
        var probe = new byte[1];
        while (end > 0)
        {
            stream.Position = end - 1;
            stream.ReadExactly(probe);
            if (probe[0] == (byte)'\n') break;
            end--;
        }

        stream.SetLength(end);
        if (end == 0) return 0;
        var start = end - 1;
        while (start > 0)
        {
            stream.Position = start - 1;
            stream.ReadExactly(probe);
            if (probe[0] == (byte)'\n') break;
            start--;
        }

        var line = new byte[end - start];
        stream.Position = start;
        stream.ReadExactly(line);
        return SequenceOf(line);
    }

    /// <summary>Exports into a Parquet file, resuming after what the file and its finished parts already hold.</summary>
    public async Task<long> ExportParquetAsync(string service, string file, ExportFilter filter, IExportProgress? progress, CancellationToken ct)
    {
        var parts = file + ".parts";
        Directory.CreateDirectory(parts);
        CheckSameFilter(Path.Combine(parts, "query"), filter, existing: File.Exists(file));
        var after = await ExportPartsAsync(service, parts, filter, progress, ct, alreadyHeld: File.Exists(file) ? await LastSequenceAsync(file) : 0);
        var finished = PartFiles(parts);
        if (finished.Count > 0)
        {
            var inputs = (File.Exists(file) ? [new FileInfo(file)] : new List<FileInfo>()).Concat(finished.Select(f => new FileInfo(f))).ToList();
            var joined = file + ".joining";
            await JoinAsync(inputs.Select(i => i.FullName).ToList(), joined, ct);
            File.Move(joined, file, overwrite: true);
        }
        else if (!File.Exists(file))
        {
            await WriteEmptyAsync(file);
        }

        Directory.Delete(parts, recursive: true);
        return after;
    }

    /// <summary>
    /// Downloads the events after those already held into parts (<c>part-{last sequence}.parquet</c>) in <paramref name="directory"/>;
    /// what DuckDB reads for reports (<c>read_parquet('dir/*.parquet')</c>). Returns the last sequence held.
    /// </summary>
    public async Task<long> ExportPartsAsync(string service, string directory, ExportFilter filter, IExportProgress? progress, CancellationToken ct,
        long alreadyHeld = 0)
    {
        Directory.CreateDirectory(directory);
        foreach (var unfinished in Directory.GetFiles(directory, "*.tmp")) File.Delete(unfinished);
        var after = Math.Max(alreadyHeld, PartFiles(directory).Select(LastSequenceOfPart).DefaultIfEmpty(0).Max());
        progress?.Started(after, await HighWaterMarkAsync(service, ct));
        while (true)
        {
            var temporary = Path.Combine(directory, $"part-after-{after:D19}.parquet.tmp");
            using (var response = await http.GetAsync($"{PlatformClient.Prefix(service)}/events?format=parquet&after={after}&limit={Chunk}{filter.Query()}",
                       HttpCompletionOption.ResponseHeadersRead, ct))
            {
                await PlatformClient.EnsureSuccessAsync(response, ct);
                await using var output = File.Create(temporary);
                await response.Content.CopyToAsync(output, ct);
            }

            var (rows, last) = await RowsAndLastSequenceAsync(temporary);
            if (rows == 0)
            {
                File.Delete(temporary);
                return after;
            }

            // The part becomes visible only whole, under the name that says where the next chunk starts.
            File.Move(temporary, Path.Combine(directory, $"part-{last:D19}.parquet"));
            after = last;
            progress?.Wrote(after);
            if (rows < Chunk) return after;
        }
    }

    /// <summary>
    /// Writes the files' row groups, in order, into one file, a row group at a time (Parquet.Net's FileMerger held more
    /// of the inputs than that: the CLI's memory grew with the history).
    /// </summary>
    private static async Task JoinAsync(IReadOnlyList<string> inputs, string output, CancellationToken ct)
    {
        await using var target = File.Create(output);
        await using var writer = await ParquetWriter.CreateAsync(EventSchema.Schema, target, EventSchema.Options, cancellationToken: ct);
        // Column arrays reused from row group to row group: large arrays live on the large object heap, which a console
        // process collects seldom, so fresh ones per row group made the peak memory grow with the history.
        long[] sequence = [], version = [];
        DateTime[] at = [];
        string?[] streamId = [], type = [], data = [], correlation = [], causation = [];
        foreach (var input in inputs)
        {
            await using var source = File.OpenRead(input);
            await using var reader = await ParquetReader.CreateAsync(source, EventSchema.Options, cancellationToken: ct);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var from = reader.OpenRowGroupReader(g);
                var n = (int)from.RowCount;
                if (sequence.Length < n)
                {
                    (sequence, version, at) = (new long[n], new long[n], new DateTime[n]);
                    (streamId, type, data, correlation, causation) = (new string?[n], new string?[n], new string?[n], new string?[n], new string?[n]);
                }

                await from.ReadAsync<long>(EventSchema.Sequence, sequence.AsMemory(0, n), null, ct);
                await from.ReadAsync(EventSchema.StreamId, streamId.AsMemory(0, n), null, ct);
                await from.ReadAsync<long>(EventSchema.Version, version.AsMemory(0, n), null, ct);
                await from.ReadAsync(EventSchema.Type, type.AsMemory(0, n), null, ct);
                await from.ReadAsync<DateTime>(EventSchema.At, at.AsMemory(0, n), null, ct);
                await from.ReadAsync(EventSchema.Data, data.AsMemory(0, n), null, ct);
                await from.ReadAsync(EventSchema.CorrelationId, correlation.AsMemory(0, n), null, ct);
                await from.ReadAsync(EventSchema.CausationId, causation.AsMemory(0, n), null, ct);

                using var to = writer.CreateRowGroup();
                await to.WriteAsync(EventSchema.Sequence, new ReadOnlyMemory<long>(sequence, 0, n), null, null, ct);
                await to.WriteAsync(EventSchema.StreamId, new ArraySegment<string>(streamId!, 0, n));
                await to.WriteAsync(EventSchema.Version, new ReadOnlyMemory<long>(version, 0, n), null, null, ct);
                await to.WriteAsync(EventSchema.Type, new ArraySegment<string>(type!, 0, n));
                await to.WriteAsync(EventSchema.At, new ReadOnlyMemory<DateTime>(at, 0, n), null, null, ct);
                await to.WriteAsync(EventSchema.Data, new ArraySegment<string>(data!, 0, n));
                await to.WriteAsync(EventSchema.CorrelationId, new ArraySegment<string>(correlation!, 0, n));
                await to.WriteAsync(EventSchema.CausationId, new ArraySegment<string>(causation!, 0, n));
                to.CompleteValidate();
                // A row group's strings and Parquet.Net's page buffers are large objects, which a busy loop would let
                // pile up until a full collection: collect them here, so memory stays that of one row group.
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
        }
    }

    public static List<string> PartFiles(string directory) =>
        Directory.Exists(directory) ? [.. Directory.GetFiles(directory, "part-*.parquet").Where(f => !f.Contains("-after-")).Order(StringComparer.Ordinal)] : [];

    private static long LastSequenceOfPart(string part) =>
        long.Parse(Path.GetFileNameWithoutExtension(part)["part-".Length..], CultureInfo.InvariantCulture);

    public static async Task<long> LastSequenceAsync(string file) => (await RowsAndLastSequenceAsync(file)).Last;

    private static async Task<(long Rows, long Last)> RowsAndLastSequenceAsync(string file)
    {
        await using var stream = File.OpenRead(file);
        await using var reader = await ParquetReader.CreateAsync(stream, EventSchema.Options);
        if (reader.RowGroupCount == 0) return (0, 0);
        long rows = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            rows += group.RowCount;
        }

        using var lastGroup = reader.OpenRowGroupReader(reader.RowGroupCount - 1);
        var sequences = new long[lastGroup.RowCount];
        await lastGroup.ReadAsync<long>(reader.Schema.FindDataField("sequence"), sequences, null);
        return (rows, sequences[^1]);
    }

    private static async Task WriteEmptyAsync(string file)
    {
        await using var output = File.Create(file);
        await using var writer = await ParquetWriter.CreateAsync(EventSchema.Schema, output, EventSchema.Options);
    }

    private static void CheckSameFilter(string path, ExportFilter filter, bool existing = false)
    {
        var query = filter.Query();
        if (File.Exists(path) && File.ReadAllText(path) != query)
        {
            throw new NpException($"This export was started with other filters ({File.ReadAllText(path)}); give the same ones to resume, or another --out.");
        }

        if (!File.Exists(path)) File.WriteAllText(path, query);
    }
}
