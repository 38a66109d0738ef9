using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization;

namespace NewsPlatform.Platform.Http;

/// <summary>The wire format of CONTRACT.md: camelCase names and enum values, times in UTC with <c>Z</c>.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Letters of every script stay readable, but <, >, &, ' and " are always escaped: text that readers wrote
        // (comments) can never become markup in a page that embeds the JSON.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        return options;
    }

    public static readonly JsonSerializerOptions Web = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Writes every instant as UTC ISO 8601 with <c>Z</c>; reads any offset a client sends.</summary>
    private sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
