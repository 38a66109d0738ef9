using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsPlatform.Platform.Http;

/// <summary>The wire format of CONTRACT.md: camelCase names and enum values, no nulls dropped.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    public static readonly JsonSerializerOptions Web = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
