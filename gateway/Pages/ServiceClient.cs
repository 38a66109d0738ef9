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

    public sealed record Answer(HttpStatusCode Status, JsonNode? Body, string? Location, string? ContentLanguage = null)
    {
        public bool Ok => Status == HttpStatusCode.OK;
    }

    /// <summary>The service's answer, or null when the service is down, too slow or broken.</summary>
    public async Task<Answer?> GetAsync(string cluster, string pathAndQuery, HttpRequest incoming, CancellationToken ct)
    {
        var destination = Destination(cluster);
        if (destination is null) return null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(destination, pathAndQuery.TrimStart('/')));
            if (incoming.Headers.AcceptLanguage.Count > 0) request.Headers.TryAddWithoutValidation("Accept-Language", incoming.Headers.AcceptLanguage.ToString());
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
            if ((int)response.StatusCode >= 500) return null;
            var text = await response.Content.ReadAsStringAsync(ct);
            // A 400 keeps its problem body, so that a page can pass the service's validation on to its caller.
            var body = (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest) && text.Length > 0 ? JsonNode.Parse(text) : null;
            return new Answer(response.StatusCode, body, response.Headers.Location?.OriginalString,
                string.Join(", ", response.Content.Headers.ContentLanguage));
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException
                                         && !ct.IsCancellationRequested)
        {
            logger.LogWarning(failure, "Page part from {Cluster} {Path} failed", cluster, pathAndQuery);
            return null;
        }
    }

    private Uri? Destination(string cluster)
    {
        if (!proxy.TryGetCluster(cluster, out var state)) return null;
        var available = state.DestinationsState?.AvailableDestinations ?? [];
        var chosen = available.Count > 0 ? available[Random.Shared.Next(available.Count)] : null;
        return chosen is null ? null : new Uri(chosen.Model.Config.Address.TrimEnd('/') + "/");
    }
}
