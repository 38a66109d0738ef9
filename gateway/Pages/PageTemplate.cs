using System.Runtime.CompilerServices;
using System.Text.Json;
using NewsPlatform.Gateway.Weather;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Gateway.Pages;

/// <summary>
/// A page's shared parts written once in the contract's order, around the holes each view fills (its ad decisions and
/// the weather): a page view copies bytes instead of parsing and writing the shared parts again. A template is kept
/// only as long as the composition it was made from (keyed by that byte array), so it is exactly as fresh as the
/// shared parts' cache entry (docs/decisions/0010) and never outlives it.
/// </summary>
public sealed class PageTemplate
{
    public const string Ads = "ads";
    public const string Weather = "weather";

    private static readonly ConditionalWeakTable<byte[], PageTemplate> Made = new();
    private static readonly byte[] Null = "null"u8.ToArray();

    private readonly ByteTemplate bytes;

    private PageTemplate(ByteTemplate bytes, string shown, string? adContext)
    {
        this.bytes = bytes;
        Shown = shown;
        AdContext = adContext;
    }

    /// <summary>The language the page is shown in (its <c>lang</c> part).</summary>
    public string Shown { get; }

    /// <summary>What <paramref name="describe"/> made of the parts when the template was made: the ad server's query.</summary>
    public string? AdContext { get; }

    /// <summary>
    /// The template of these shared parts in this order (<see cref="Ads"/> and <see cref="Weather"/> are the holes),
    /// made on first use; <paramref name="describe"/> reads what the view needs from the parts (the ad context).
    /// </summary>
    public static PageTemplate For(byte[] parts, string[] order, Func<JsonElement, string>? describe = null) =>
        Made.GetValue(parts, bytes => Make(bytes, order, describe));

    private static PageTemplate Make(byte[] parts, string[] order, Func<JsonElement, string>? describe)
    {
        using var document = JsonDocument.Parse(parts);
        var shared = document.RootElement;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(parts.Length + 256);
        var pieces = new List<byte[]>();
        var holes = new List<string>();
        var start = 0;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var name in order)
            {
                writer.WritePropertyName(name);
                if (name is Ads or Weather)
                {
                    // The piece ends after the hole's name; the view writes its value where this null is.
                    writer.Flush();
                    pieces.Add(buffer.WrittenSpan[start..].ToArray());
                    holes.Add(name);
                    writer.WriteNullValue();
                    writer.Flush();
                    start = buffer.WrittenCount;
                }
                else if (shared.TryGetProperty(name, out var part))
                {
                    part.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        pieces.Add(buffer.WrittenSpan[start..].ToArray());
        var shown = shared.TryGetProperty("lang", out var lang) ? lang.GetString() ?? "" : "";
        return new PageTemplate(new ByteTemplate(pieces, holes), shown, describe?.Invoke(shared));
    }

    /// <summary>This view's page: the shared bytes with its ad decisions (the ad server's JSON object as it came) and weather.</summary>
    public byte[] Render(byte[]? ads, CurrentWeather? weather)
    {
        var weatherJson = weather is null ? Null : JsonSerializer.SerializeToUtf8Bytes(weather, JsonDefaults.Web);
        return bytes.Render(hole => hole == Ads ? ads ?? Null : weatherJson);
    }
}
