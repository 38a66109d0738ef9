using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NewsPlatform.Platform.EventStore.Export;

/// <summary>
/// How a stored event's JSON (Marten's: C# property names, enum names, instants with their offset) becomes the JSON of
/// the API (<see cref="Http.JsonDefaults.Web"/>: camelCase names and enum values, instants in UTC with <c>Z</c>), token
/// by token from the bytes PostgreSQL sends, without building the event: the export's speed comes from here. The shape
/// of each event type is read once from its record by reflection.
/// </summary>
public abstract class EventDataShape
{
    /// <summary>Copies the value the reader stands on (its first token) to the writer, and leaves the reader on its last token.</summary>
    public abstract void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer);

    /// <summary>Any JSON as it is (names and values unchanged, strings escaped as the API escapes them).</summary>
    public static readonly EventDataShape Verbatim = new VerbatimShape();

    private static readonly Dictionary<Type, EventDataShape> Shapes = [];

    /// <summary>The shape of a type's JSON, built once per type.</summary>
    public static EventDataShape For(Type type)
    {
        lock (Shapes)
        {
            return Build(type, []);
        }
    }

    private static EventDataShape Build(Type type, HashSet<Type> building)
    {
        if (Shapes.TryGetValue(type, out var known)) return known;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        EventDataShape shape;
        if (underlying.IsEnum) shape = new EnumShape(underlying);
        else if (underlying == typeof(DateTimeOffset)) shape = InstantShape.Instance;
        else if (underlying.IsPrimitive || underlying == typeof(string) || underlying == typeof(Guid) || underlying == typeof(decimal)
                 || underlying == typeof(DateTime) || underlying == typeof(DateOnly) || underlying == typeof(TimeOnly)
                 || underlying == typeof(TimeSpan) || underlying == typeof(object) || underlying == typeof(Uri)
                 || typeof(JsonElement) == underlying || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(underlying))
            shape = Verbatim;
        else if (DictionaryValueType(underlying) is { } valueType)
            shape = building.Add(underlying) ? new DictionaryShape(Build(valueType, building)) : Verbatim;
        else if (ElementType(underlying) is { } elementType)
            shape = building.Add(underlying) ? new ArrayShape(Build(elementType, building)) : Verbatim;
        else if (!building.Add(underlying)) return Verbatim; // a type that holds itself: its inner levels go as stored
        else
            shape = new ObjectShape(underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null
                    && p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
                .Select(p => new ObjectShape.Property(p.Name, Build(p.PropertyType, building)))
                .ToArray());

        Shapes[type] = shape;
        return shape;
    }

    private static Type? DictionaryValueType(Type type) =>
        (type.IsInterface && type.IsGenericType ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
        .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d
            && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)) && i.GetGenericArguments()[0] == typeof(string))
        ?.GetGenericArguments()[1];

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : (type.IsInterface && type.IsGenericType ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>The encoder of the API's JSON: every script readable, markup characters escaped.</summary>
    public static JavaScriptEncoder Encoder => Http.JsonDefaults.Web.Encoder!;

    internal static void CopyString(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (!reader.ValueIsEscaped)
        {
            writer.WriteStringValue(reader.ValueSpan);
            return;
        }

        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        var written = reader.CopyString(rented);
        writer.WriteStringValue(rented.AsSpan(0, written));
        ArrayPool<byte>.Shared.Return(rented);
    }

    private sealed class VerbatimShape : EventDataShape
    {
        public override void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        WriteName(ref reader, writer, camelCase: false);
                        reader.Read();
                        Copy(ref reader, writer);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) Copy(ref reader, writer);
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.String:
                    CopyString(ref reader, writer);
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }
    }

    /// <summary>A property name the shape does not know (a field since removed from the record): camelCased, as the API names fields.</summary>
    internal static void WriteName(ref Utf8JsonReader reader, Utf8JsonWriter writer, bool camelCase)
    {
        var name = reader.GetString()!;
        writer.WritePropertyName(camelCase ? JsonNamingPolicy.CamelCase.ConvertName(name) : name);
    }

    private sealed class ObjectShape(ObjectShape.Property[] properties) : EventDataShape
    {
        public sealed class Property(string name, EventDataShape shape)
        {
            public readonly byte[] StoredName = Encoding.UTF8.GetBytes(name);
            public readonly JsonEncodedText ExportName = JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(name), Encoder);
            public readonly EventDataShape Shape = shape;
        }

        public override void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Verbatim.Copy(ref reader, writer);
                return;
            }

            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var property = Find(ref reader);
                if (property is null) WriteName(ref reader, writer, camelCase: true);
                else writer.WritePropertyName(property.ExportName);
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) writer.WriteNullValue();
                else (property?.Shape ?? Verbatim).Copy(ref reader, writer);
            }

            writer.WriteEndObject();
        }

        private Property? Find(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                var name = reader.ValueSpan;
                foreach (var p in properties)
                {
                    if (name.SequenceEqual(p.StoredName)) return p;
                }

                return null;
            }

            foreach (var p in properties)
            {
                if (reader.ValueTextEquals(p.StoredName)) return p;
            }

            return null;
        }
    }

    private sealed class ArrayShape(EventDataShape element) : EventDataShape
    {
        public override void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Verbatim.Copy(ref reader, writer);
                return;
            }

            writer.WriteStartArray();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null) writer.WriteNullValue();
                else element.Copy(ref reader, writer);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>Keys stay as they are (the API's <c>DictionaryKeyPolicy</c> is none); values take their own shape.</summary>
    private sealed class DictionaryShape(EventDataShape value) : EventDataShape
    {
        public override void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Verbatim.Copy(ref reader, writer);
                return;
            }

            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                WriteName(ref reader, writer, camelCase: false);
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) writer.WriteNullValue();
                else value.Copy(ref reader, writer);
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>Marten stores an enum by its name (<c>Approved</c>); the API says <c>approved</c>.</summary>
    private sealed class EnumShape(Type enumType) : EventDataShape
    {
        private readonly (byte[] Stored, JsonEncodedText Export)[] _names = [.. Enum.GetNames(enumType)
            .Select(n => (Encoding.UTF8.GetBytes(n), JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(n), Encoder)))];

        public override void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                Verbatim.Copy(ref reader, writer);
                return;
            }

            foreach (var (stored, export) in _names)
            {
                if (reader.ValueTextEquals(stored))
                {
                    writer.WriteStringValue(export);
                    return;
                }
            }

            writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(reader.GetString()!));
        }
    }

    /// <summary>An instant, stored with the offset it was made with, leaves in UTC with <c>Z</c> as the API writes it.</summary>
    private sealed class InstantShape : EventDataShape
    {
        public static readonly InstantShape Instance = new();

        public override void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var instant))
            {
                Verbatim.Copy(ref reader, writer);
                return;
            }

            Span<char> text = stackalloc char[40];
            instant.UtcDateTime.TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
            writer.WriteStringValue(text[..length]);
        }
    }
}
