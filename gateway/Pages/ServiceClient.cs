using System.Net;
using System.Text.Json.Nodes;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace NewsPlatform.Gateway.Pages;

/// <summary>
/// Calls a service for page composition through the same destinations YARP routes to: only a destination its
/// active health check considers up, with a short timeout, so a dead service costs a page part, not the page.
/// </summary>
public sealed class ServiceClient(IProxyStateLookup proxy, IHttpClientFactory clients, ILogger<ServiceClient> logger)
{
    public const string HttpClientName = "page-parts";

    /// <summary>The client of parts folded from a history (asOf pages): a longer timeout than a live part's.</summary>
    public const string HistoryClientName = "page-history";

    /// <summary>
    /// A service's answer: its JSON as sent (<see cref="Content"/>, for a page that passes it on as it is) and, when
    /// asked for, parsed (<see cref="Body"/>, for a page that reads it). A 400 keeps its problem body too.
    /// </summary>
    public sealed record Answer(HttpStatusCode Status, byte[]? Content, JsonNode? Body, string? Location, string? ContentLanguage = null)
    {
        public bool Ok => Status == HttpStatusCode.OK;
    }

    /// <summary>The service's answer, or null when the service is down, too slow or broken.</summary>
    /// <param name="acceptLanguage">The reader's <c>Accept-Language</c>, passed on so the service can fall back along it.</param>
    /// <param name="parse">Whether <see cref="Answer.Body"/> is wanted; without it only the bytes are kept.</param>
    /// <param name="authorization">The caller's Authorization header, passed on for a part only some roles may read (asOf pages).</param>
    public async Task<Answer?> GetAsync(string cluster, string pathAndQuery, string? acceptLanguage, CancellationToken ct, bool parse = true,
        string? authorization = null, string? client = null)
    {
        var destination = Destination(cluster);
        if (destination is null) return null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(destination, pathAndQuery.TrimStart('/')));
            if (!string.IsNullOrEmpty(acceptLanguage)) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
            if (!string.IsNullOrEmpty(authorization)) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await clients.CreateClient(client ?? HttpClientName).SendAsync(request, ct);
            if ((int)response.StatusCode >= 500) return null;
            var kept = response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest;
            var content = kept ? await response.Content.ReadAsByteArrayAsync(ct) : null;
            if (content is { Length: 0 }) content = null;
            var body = parse && content is not null ? JsonNode.Parse(content) : null;
            return new Answer(response.StatusCode, content, body, response.Headers.Location?.OriginalString,
                string.Join(", ", response.Content.Headers.ContentLanguage));
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException
                                         && !ct.IsCancellationRequested)
        {
            logger.LogWarning(failure, "Page part from {Cluster} {Path} failed", cluster, pathAndQuery);
            return null;
        }
    }

    /// <summary>
    /// The read-model version of <paramref name="cluster"/>'s service (docs/decisions/0024), or null when it cannot say
    /// or says something that is not a count: a cache key takes nothing else from it.
    /// </summary>
    public async Task<string?> ReadModelVersionAsync(string cluster, CancellationToken ct) =>
        await GetAsync(cluster, NewsPlatform.Platform.EventStore.ReadModelVersion.Route, null, ct, parse: false) is { Ok: true, Content: { } version }
        && System.Buffers.Text.Utf8Parser.TryParse(version, out long count, out var read) && read == version.Length && count >= 0
            ? count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private Uri? Destination(string cluster)
    {
        if (!proxy.TryGetCluster(cluster, out var state)) return null;
        var available = state.DestinationsState?.AvailableDestinations ?? [];
        var chosen = available.Count > 0 ? available[Random.Shared.Next(available.Count)] : null;
        return chosen is null ? null : new Uri(chosen.Model.Config.Address.TrimEnd('/') + "/");
    }
}
