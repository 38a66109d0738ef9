using System.IO.Pipelines;
using System.Text.Json;

namespace NewsPlatform.Platform.EventStore.Export;

/// <summary>
/// The export as NDJSON, one event a line — <c>{sequence, streamId, version, type, at, data, correlationId, causationId}</c> —
/// written with one <see cref="Utf8JsonWriter"/> straight into the output pipe and flushed a page at a time.
/// </summary>
public static class NdjsonEventExport
{
    public const int PageSize = 10_000;

    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText StreamId = JsonEncodedText.Encode("streamId");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText CorrelationId = JsonEncodedText.Encode("correlationId");
    private static readonly JsonEncodedText CausationId = JsonEncodedText.Encode("causationId");

    /// <summary>Writes the page's events to the pipe (without flushing it).</summary>
    public static void Write(EventPages pages, EventPage page, Utf8JsonWriter writer, PipeWriter output)
    {
        for (var i = 0; i < page.Count; i++)
        {
            writer.Reset(output);
            writer.WriteStartObject();
            writer.WriteNumber(Sequence, page.Sequence[i]);
            writer.WriteString(StreamId, page.StreamId[i]);
            writer.WriteNumber(Version, page.Version[i]);
            writer.WriteString(Type, page.Type[i]);
            writer.WriteString(At, page.At[i]);
            writer.WritePropertyName(Data);
            pages.WriteData(writer, page.Type[i], page.Data[i]);
            writer.WriteString(CorrelationId, page.CorrelationId[i]);
            writer.WriteString(CausationId, page.CausationId[i]);
            writer.WriteEndObject();
            writer.Flush();
            output.GetSpan(1)[0] = (byte)'\n';
            output.Advance(1);
        }
    }

    public static JsonWriterOptions WriterOptions => new() { Encoder = EventDataShape.Encoder, SkipValidation = true };
}
