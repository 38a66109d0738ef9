using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using NewsPlatform.Platform.Http;
using NewsPlatform.Web.Site;

namespace NewsPlatform.Web.Gateway;

/// <summary>What a gateway call came to: the answer, or why there is none.</summary>
public enum Outcome
{
    Ok,
    Moved,
    NotFound,
    Invalid,
    Conflict,
    TooFast,
    /// <summary>The gateway, or the service behind it that the page cannot do without, did not answer.</summary>
    Unavailable,
}

public sealed record GatewayAnswer<T>(Outcome Outcome, T? Value = default, string? Location = null, ProblemData? Problem = null,
    TimeSpan? RetryAfter = null);

/// <summary>
/// The site's one door to the platform: the gateway's public API over pooled HTTP connections. Every call says whose
/// request it serves (<c>X-Forwarded-For</c>: the reader's address), so that rate limits and comment records see the
/// reader, not the site, and which of the gateway's requests (<see cref="GatewayHeaders.ReaderRequest"/>).
/// </summary>
public sealed class GatewayClient(HttpClient http, IHttpContextAccessor context, ILogger<GatewayClient> logger)
{
    public const string Name = "gateway";

    /// <summary>The article page's answer as sent (the site keys its page templates by those bytes, see PageTemplates).</summary>
    public async Task<GatewayAnswer<byte[]>> ArticlePageJsonAsync(string lang, string slug, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/pages/article/{Uri.EscapeDataString(slug)}?lang={Uri.EscapeDataString(lang)}");
        return await SendAsync(request, static body => body, ct);
    }

    /// <summary>A page answer read by <see cref="ArticlePageJsonAsync"/>; null when it is not one.</summary>
    public static ArticlePageData? ArticlePage(byte[] json) => Parse(json, GatewayJson.Default.ArticlePageData);

    /// <summary>The ads part of a page answer (a JSON object of slots, or null).</summary>
    public static IReadOnlyDictionary<string, AdData?>? Ads(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json.Span, GatewayJson.Default.DictionaryStringAdData);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T? Parse<T>(byte[] json, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    public Task<GatewayAnswer<HomePageData>> HomePageAsync(string lang, string? section, string? tag, int page, int pageSize,
        CancellationToken ct)
    {
        var query = $"api/pages/home?lang={Uri.EscapeDataString(lang)}&page={page}&pageSize={pageSize}";
        if (!string.IsNullOrEmpty(section)) query += $"&section={Uri.EscapeDataString(section)}";
        if (!string.IsNullOrEmpty(tag)) query += $"&tag={Uri.EscapeDataString(tag)}";
        return GetAsync(query, GatewayJson.Default.HomePageData, ct);
    }

    public Task<GatewayAnswer<ArticleList>> SearchAsync(string q, string lang, int page, int pageSize, CancellationToken ct) =>
        GetAsync($"api/articles/search?q={Uri.EscapeDataString(q)}&lang={Uri.EscapeDataString(lang)}&page={page}&pageSize={pageSize}",
            GatewayJson.Default.ArticleList, ct);

    /// <summary>
    /// Any article, draft included, read with the caller's own token (the newsroom's preview): the articles service
    /// decides whether that token may see it; the site adds no right of its own.
    /// </summary>
    public async Task<GatewayAnswer<ArticleData>> ArticleForPreviewAsync(Guid id, string authorization, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/articles/{id}");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await SendAsync(request, GatewayJson.Default.ArticleData, ct);
    }

    public async Task<GatewayAnswer<PostedComment>> PostCommentAsync(Guid articleId, CommentPost comment, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/articles/{articleId}/comments")
        {
            Content = new StringContent(JsonSerializer.Serialize(comment, GatewayJson.Default.CommentPost), MediaTypeHeaderValue.Parse("application/json")),
        };
        return await SendAsync(request, GatewayJson.Default.PostedComment, ct);
    }

    private async Task<GatewayAnswer<T>> GetAsync<T>(string pathAndQuery, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        return await SendAsync(request, type, ct);
    }

    // Read whole, then parsed in one pass: from a stream, a page's JSON (about 15 KB) goes through the serializer's
    // resumable path, which buffers every record's constructor arguments on the way.
    private Task<GatewayAnswer<T>> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken ct) =>
        SendAsync(request, body => JsonSerializer.Deserialize(body, type), ct);

    private async Task<GatewayAnswer<T>> SendAsync<T>(HttpRequestMessage request, Func<byte[], T?> parse, CancellationToken ct)
    {
        if (context.HttpContext?.Connection.RemoteIpAddress is { } reader)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", (reader.IsIPv4MappedToIPv6 ? reader.MapToIPv4() : reader).ToString());
        }

        // Which of the gateway's requests this call serves: its answer need be no fresher than that request (docs/decisions/0025).
        if (context.HttpContext?.Request.Headers[GatewayHeaders.ReaderRequest] is [{ Length: > 0 and <= 64 } readerRequest])
        {
            request.Headers.TryAddWithoutValidation(GatewayHeaders.ReaderRequest, readerRequest);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            switch (status)
            {
                case 200 or 201 or 202:
                {
                    var value = parse(await response.Content.ReadAsByteArrayAsync(ct));
                    return value is null ? new(Outcome.Unavailable) : new(Outcome.Ok, value);
                }
                case 301 or 302 or 307 or 308:
                    return new(Outcome.Moved, Location: response.Headers.Location?.OriginalString);
                case 404:
                    return new(Outcome.NotFound);
                case 400 or 409 or 403 or 422:
                    return new(status is 409 or 403 ? Outcome.Conflict : Outcome.Invalid, Problem: await ProblemAsync(response, ct));
                case 429:
                    return new(Outcome.TooFast, RetryAfter: response.Headers.RetryAfter?.Delta);
                default:
                    logger.LogWarning("Gateway answered {Status} to {Method} {Path}", status, request.Method, request.RequestUri);
                    return new(Outcome.Unavailable, RetryAfter: response.Headers.RetryAfter?.Delta);
            }
        }
        catch (Exception failure) when (failure is HttpRequestException or JsonException or NotSupportedException
                                         || (failure is TaskCanceledException or OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(failure, "Gateway call {Method} {Path} failed", request.Method, request.RequestUri);
            return new(Outcome.Unavailable);
        }
    }

    private static async Task<ProblemData?> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await JsonSerializer.DeserializeAsync(body, GatewayJson.Default.ProblemData, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The connection pool's sockets, bound to <see cref="WebOptions.OutboundAddress"/> before connecting when one is
    /// set: the gateway trusts the site's <c>X-Forwarded-For</c> by that source address alone.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(WebOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 256,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (string.IsNullOrWhiteSpace(options.OutboundAddress)) return handler;

        var local = IPAddress.Parse(options.OutboundAddress.Trim());
        handler.ConnectCallback = async (connection, ct) =>
        {
            var endpoint = connection.DnsEndPoint;
            var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
            var remote = addresses.FirstOrDefault(a => a.AddressFamily == local.AddressFamily)
                         ?? throw new HttpRequestException($"{endpoint.Host} has no {local.AddressFamily} address to reach from {local}.");
            var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(new IPEndPoint(remote, endpoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }
}
