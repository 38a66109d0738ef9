using Parquet;
using Parquet.Schema;

namespace NewsPlatform.Np.Events;

/// <summary>The columns of an exported Parquet file, as the services write them (NewsPlatform.Platform.EventStore.Export).</summary>
public static class EventSchema
{
    public static readonly DataField<long> Sequence = new("sequence");
    public static readonly DataField<string> StreamId = new("streamId", nullable: false);
    public static readonly DataField<long> Version = new("version");
    public static readonly DataField<string> Type = new("type", nullable: false);
    public static readonly DateTimeDataField At = new("at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false);
    public static readonly DataField<string> Data = new("data", nullable: true);
    public static readonly DataField<string> CorrelationId = new("correlationId", nullable: true);
    public static readonly DataField<string> CausationId = new("causationId", nullable: true);

    public static readonly ParquetSchema Schema = new(Sequence, StreamId, Version, Type, At, Data, CorrelationId, CausationId);

    /// <summary>
    /// Parquet.Net's buffer pool (RecyclableMemoryStreamManager) keeps every freed buffer unless told a limit: without one
    /// the CLI's memory grew with the history it joined.
    /// </summary>
    public static ParquetOptions Options => new()
    {
        CompressionMethod = CompressionMethod.Snappy, MaximumSmallPoolFreeBytes = 16 << 20, MaximumLargePoolFreeBytes = 64 << 20,
    };
}
