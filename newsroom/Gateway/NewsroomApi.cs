using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace NewsPlatform.Newsroom.Gateway;

/// <summary>
/// The console's one door to the platform: the gateway's public API, called with the signed-in user's access token, so
/// every service decides for itself what this user may do (the console only hides what it knows they may not).
/// </summary>
public sealed class NewsroomApi(HttpClient http, IHttpContextAccessor context, ILogger<NewsroomApi> logger)
{
    public const string Name = "gateway";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, null, ct);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, string? ifMatch, CancellationToken ct, string? idempotencyKey = null) =>
        SendAsync<T>(HttpMethod.Post, path, body ?? new { }, ifMatch, ct, idempotencyKey);

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, string? ifMatch, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Put, path, body, ifMatch, ct);

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Delete, path, null, null, ct);

    /// <summary>A page of the gateway that is not JSON (the reader site's preview): its status and text.</summary>
    public async Task<(int Status, string Body, string? ContentType)> GetTextAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        await AuthorizeAsync(request);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized) throw new SessionExpiredException();
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct), response.Content.Headers.ContentType?.ToString());
    }

    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? ifMatch, CancellationToken ct,
        string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), Json), Encoding.UTF8, "application/json");
        }

        if (!string.IsNullOrEmpty(ifMatch)) request.Headers.TryAddWithoutValidation("If-Match", Quote(ifMatch));
        if (!string.IsNullOrEmpty(idempotencyKey)) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        await AuthorizeAsync(request);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception failure) when (failure is HttpRequestException || (failure is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(failure, "Gateway call {Method} {Path} failed", method, path);
            return new ApiResult<T>(503, Problem: new Problem { Title = "The platform did not answer. Try again in a moment.", Status = 503 });
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == 401) throw new SessionExpiredException();
            var etag = response.Headers.ETag?.Tag;
            var location = response.Headers.Location?.OriginalString;
            var text = await response.Content.ReadAsStringAsync(ct);
            if (status is >= 200 and < 300)
            {
                T? value = default;
                if (text.Length > 0 && typeof(T) != typeof(NoBody))
                {
                    try { value = JsonSerializer.Deserialize<T>(text, Json); }
                    catch (JsonException failure) { logger.LogWarning(failure, "{Method} {Path}: unreadable answer", method, path); }
                }

                return new ApiResult<T>(status, value, etag, Location: location);
            }

            Problem? problem = null;
            if (text.Length > 0)
            {
                try { problem = JsonSerializer.Deserialize<Problem>(text, Json); }
                catch (JsonException) { /* not a problem document: the status says enough */ }
            }

            problem ??= new Problem { Status = status, Title = DefaultTitle(status) };
            if (status >= 500) logger.LogWarning("Gateway answered {Status} to {Method} {Path}", status, method, path);
            return new ApiResult<T>(status, default, etag, problem, location);
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request)
    {
        if (context.HttpContext is { } http && await http.GetTokenAsync("access_token") is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>An ETag as the services send it is a quoted stream version; forms carry it bare.</summary>
    public static string Quote(string etag) => etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal) ? etag : $"\"{etag}\"";

    public static string Unquote(string? etag) => etag?.Trim('"') ?? "";

    private static string DefaultTitle(int status) => status switch
    {
        403 => "Your roles do not allow this.",
        404 => "Not found.",
        409 => "The current state does not allow this.",
        412 => "Someone else saved a newer version first.",
        428 => "The version you edited is missing.",
        429 => "Too many requests: wait a moment.",
        _ => $"The platform answered {status}.",
    };
}

/// <summary>For calls whose answer body the console does not read.</summary>
public sealed record NoBody;
