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
        options.Converters.Add(new NulFreeStringConverter());
        return options;
    }

    public static readonly JsonSerializerOptions Web = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// PostgreSQL cannot store U+0000 in text or jsonb, and no reader means to send it: a string holding it is
    /// refused when read, so that it answers 400 on its field instead of failing at the database.
    /// </summary>
    private sealed class NulFreeStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);

        private static string Checked(string value) =>
            value.Contains('\0', StringComparison.Ordinal) ? throw new NulCharacterException() : value;
    }

    /// <summary>Writes every instant as UTC ISO 8601 with <c>Z</c>; reads any offset a client sends.</summary>
    private sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}

/// <summary>A JSON string held U+0000 (see <see cref="JsonDefaults"/>); answered 400 on the field it was in.</summary>
public sealed class NulCharacterException() : JsonException("The string contains a NUL character (U+0000).");
