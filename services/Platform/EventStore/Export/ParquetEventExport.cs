using System.Buffers;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace NewsPlatform.Platform.EventStore.Export;

/// <summary>
/// The export as Parquet (Parquet.Net): the NDJSON's rows in typed columns, <c>data</c> a JSON string, one row group per
/// page of <see cref="RowGroupSize"/> events. Parquet.Net writes into a <see cref="RowGroupBuffer"/>, which the caller
/// empties into the response after each row group: never more than one row group is held.
/// </summary>
public sealed class ParquetEventExport : IAsyncDisposable
{
    public const int RowGroupSize = 50_000;
    public const string MediaType = "application/vnd.apache.parquet";

    public static readonly DataField<long> SequenceField = new("sequence");
    public static readonly DataField<string> StreamIdField = new("streamId", nullable: false);
    public static readonly DataField<long> VersionField = new("version");
    public static readonly DataField<string> TypeField = new("type", nullable: false);
    // Milliseconds, not the microseconds PostgreSQL keeps: Parquet.Net 6.1.0 writes the min/max statistics of a micro- or
    // nanosecond column in milliseconds, and a reader that prunes row groups by statistics (DuckDB) would then skip rows
    // on any filter on "at". The sequence orders events exactly; NDJSON keeps the microseconds (docs/decisions/0019).
    public static readonly DateTimeDataField AtField = new("at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false);
    public static readonly DataField<string> DataField = new("data", nullable: true);
    public static readonly DataField<string> CorrelationIdField = new("correlationId", nullable: true);
    public static readonly DataField<string> CausationIdField = new("causationId", nullable: true);

    public static readonly ParquetSchema Schema = new(SequenceField, StreamIdField, VersionField, TypeField, AtField, DataField,
        CorrelationIdField, CausationIdField);

    private readonly ParquetWriter _writer;
    private readonly string[] _streamIds;
    private readonly string[] _data;
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    private readonly Utf8JsonWriter _jsonWriter;

    private ParquetEventExport(ParquetWriter writer, int capacity)
    {
        _writer = writer;
        _streamIds = new string[capacity];
        _data = new string[capacity];
        _jsonWriter = new Utf8JsonWriter(_json, NdjsonEventExport.WriterOptions);
    }

    public static async Task<ParquetEventExport> CreateAsync(Stream output, int capacity, CancellationToken ct)
    {
        // Parquet.Net pools its buffers (RecyclableMemoryStreamManager) without a limit unless given one: a service that
        // exports all day would keep every buffer it ever freed.
        var options = new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Snappy, MaximumSmallPoolFreeBytes = 16 << 20, MaximumLargePoolFreeBytes = 64 << 20,
        };
        return new ParquetEventExport(await ParquetWriter.CreateAsync(Schema, output, options, append: false, ct), capacity);
    }

    /// <summary>Writes the page as one row group.</summary>
    public async Task WriteAsync(EventPages pages, EventPage page, CancellationToken ct)
    {
        var n = page.Count;
        for (var i = 0; i < n; i++)
        {
            _streamIds[i] = page.StreamId[i].ToString();
            _json.ResetWrittenCount();
            _jsonWriter.Reset(_json);
            pages.WriteData(_jsonWriter, page.Type[i], page.Data[i]);
            _jsonWriter.Flush();
            _data[i] = Encoding.UTF8.GetString(_json.WrittenSpan);
        }

        using var group = _writer.CreateRowGroup();
        await group.WriteAsync(SequenceField, new ReadOnlyMemory<long>(page.Sequence, 0, n), null, null, ct);
        await group.WriteAsync(StreamIdField, new ArraySegment<string>(_streamIds, 0, n));
        await group.WriteAsync(VersionField, new ReadOnlyMemory<long>(page.Version, 0, n), null, null, ct);
        await group.WriteAsync(TypeField, new ArraySegment<string>(page.Type, 0, n));
        await group.WriteAsync(AtField, new ReadOnlyMemory<DateTime>(page.At, 0, n), null, null, ct);
        await group.WriteAsync(DataField, new ArraySegment<string>(_data, 0, n));
        await group.WriteAsync(CorrelationIdField, new ArraySegment<string>(page.CorrelationId!, 0, n));
        await group.WriteAsync(CausationIdField, new ArraySegment<string>(page.CausationId!, 0, n));
        group.CompleteValidate();
    }

    public ValueTask DisposeAsync()
    {
        _jsonWriter.Dispose();
        return _writer.DisposeAsync();
    }
}

/// <summary>
/// A write-only stream that keeps what Parquet.Net writes until <see cref="DrainToAsync"/> sends it on, and counts the
/// bytes so that Parquet.Net sees a position without a seekable stream beneath.
/// </summary>
public sealed class RowGroupBuffer : Stream
{
    private readonly MemoryStream _pending = new();
    private long _position;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _position;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends what has been written since the last drain, and forgets it.</summary>
    public async Task DrainToAsync(Stream destination, CancellationToken ct)
    {
        if (_pending.Length == 0) return;
        await destination.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        _pending.SetLength(0);
    }

    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
