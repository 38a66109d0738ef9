using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Web.Site;

/// <summary>
/// Rendered article pages kept around the parts that differ on every view — the ad slots, "Download The App" (the top
/// slot's click URL) and the anti-forgery token — so that a view whose page data is byte for byte one seen before
/// copies the page and renders only those (docs/decisions/0023). The key is a hash of the gateway's page answer
/// without its ads, with the address and the site's date: a change to anything the page shows is a new key, so a
/// template is never staler than the answer the gateway gave for this very view.
/// </summary>
public sealed class PageTemplates
{
    /// <summary>What a hole's marker starts with: random per process, so no text of a story can forge one.</summary>
    private readonly byte[] markerStart;

    private readonly MemoryCache templates = new(new MemoryCacheOptions { SizeLimit = 512 });

    public PageTemplates()
    {
        Nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        markerStart = Encoding.UTF8.GetBytes($"<!--np-hole-{Nonce}:");
    }

    public string Nonce { get; }

    /// <summary>The marker a page renders where a hole is, while its template is being made.</summary>
    public string Marker(string hole) => $"<!--np-hole-{Nonce}:{hole}-->";

    /// <summary>
    /// The key of a page answer as this view would render it (null when it is not a JSON object with an <c>ads</c>
    /// part), and the bytes of its ads part.
    /// </summary>
    public static (string Key, ReadOnlyMemory<byte> Ads)? KeyOf(byte[] answer, string address, string date)
    {
        try
        {
            return Find(answer, address, date);
        }
        catch (JsonException)
        {
            return null; // not JSON: the page's own parse says what to answer
        }
    }

    private static (string Key, ReadOnlyMemory<byte> Ads)? Find(byte[] answer, string address, string date)
    {
        var reader = new Utf8JsonReader(answer);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isAds = reader.ValueTextEquals("ads"u8);
            if (!reader.Read()) return null;
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!isAds) continue;

            var end = (int)reader.BytesConsumed;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(answer, 0, start);
            hash.AppendData(answer, end, answer.Length - end);
            hash.AppendData(Encoding.UTF8.GetBytes($"\u001e{address}\u001e{date}"));
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), answer.AsMemory(start, end - start));
        }

        return null;
    }

    public RenderedPage? Find(string key) => templates.TryGetValue(key, out RenderedPage? template) ? template : null;

    /// <summary>The template of a page rendered with markers; kept for the next view when <paramref name="keep"/>.</summary>
    public RenderedPage Make(string key, ReadOnlySpan<byte> rendered, string adLabel, string appLabel, bool keep)
    {
        var pieces = new List<byte[]>();
        var holes = new List<string>();
        var rest = rendered;
        int at;
        while ((at = rest.IndexOf(markerStart)) >= 0)
        {
            var afterStart = rest[(at + markerStart.Length)..];
            var close = afterStart.IndexOf("-->"u8);
            if (close < 0) break;
            pieces.Add(rest[..at].ToArray());
            holes.Add(Encoding.UTF8.GetString(afterStart[..close]));
            rest = afterStart[(close + 3)..];
        }

        pieces.Add(rest.ToArray());
        var template = new RenderedPage(new ByteTemplate(pieces, holes), adLabel, appLabel);
        if (keep)
        {
            templates.Set(key, template, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        return template;
    }
}

/// <summary>A rendered page in pieces around its holes, with the labels its holes are shown with.</summary>
public sealed class RenderedPage(ByteTemplate bytes, string adLabel, string appLabel)
{
    public string AdLabel { get; } = adLabel;

    public string AppLabel { get; } = appLabel;

    /// <summary>The page for one view: each hole's markup from <paramref name="fill"/>.</summary>
    public byte[] Render(Func<string, string> fill) => bytes.Render(hole => Encoding.UTF8.GetBytes(fill(hole)));
}
