using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using NewsPlatform.Gateway.Caching;

namespace NewsPlatform.Gateway.Pages;

/// <summary>
/// The part of a page that every reader of it gets alike (article, lists, comments, strings, terms), kept in the
/// gateway's output cache store for <c>Gateway:ReaderCacheDuration</c>, per route, query and Accept-Language, under
/// the tags of the services it came from, so that <see cref="Caching.CacheEvictionConsumers"/> evicts it with the
/// rest. Parts composed before an eviction are not stored after it: <see cref="GetAsync"/> stamps the request, and
/// the store refuses parts whose stamp an eviction made old (docs/decisions/0010). Ad decisions are never part of
/// it (docs/decisions/0003): each page view gets its own tokens.
/// </summary>
public sealed class SharedPageParts(IOutputCacheStore store, ReaderCacheFreshness freshness, IConfiguration configuration)
{
    private static readonly object StampKey = new();

    private readonly TimeSpan duration = configuration.GetValue("Gateway:ReaderCacheDuration", TimeSpan.FromSeconds(30));

    /// <summary>The shared parts, or null: then the caller composes them, and this request's stamp is what they were read at.</summary>
    public async Task<JsonObject?> GetAsync(HttpRequest request, CancellationToken ct)
    {
        if (KeyOf(request) is not { } key) return null;
        request.HttpContext.Items[StampKey] = freshness.Stamp();
        var stored = await store.GetAsync(key, ct);
        return stored is null ? null : JsonNode.Parse(stored)?.AsObject();
    }

    public async Task SetAsync(HttpRequest request, JsonObject parts, string[] tags, CancellationToken ct)
    {
        if (KeyOf(request) is not { } key) return;
        // Without the stamp of GetAsync there is no telling when the parts were read: better not to share them.
        if (request.HttpContext.Items[StampKey] is not string stamp) return;
        await store.SetAsync(key, System.Text.Encoding.UTF8.GetBytes(parts.ToJsonString()), [.. tags, stamp], duration, ct);
    }

    /// <summary>Only anonymous readers share; a request with a token always composes its own page.</summary>
    private string? KeyOf(HttpRequest request) =>
        duration <= TimeSpan.Zero || request.Headers.ContainsKey(HeaderNames.Authorization)
            ? null
            : $"page-parts\u001e{request.Path.Value}\u001e{request.QueryString.Value}\u001e{request.Headers.AcceptLanguage}";
}
