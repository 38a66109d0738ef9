using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Platform.Http;

/// <summary>The first answer to a create that carried an <c>Idempotency-Key</c>, kept to be replayed.</summary>
public sealed record IdempotentResponse(string Id, int Status, string? Location, string? ETag, string Body, DateTimeOffset At);

/// <summary>
/// <c>Idempotency-Key</c> on creating POSTs: the same key from the same caller gets the first response again
/// and creates nothing. The record is saved in the same transaction as what the request created, so a key is
/// never remembered for a create that did not commit, nor a create committed without its key.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>The stored key for this request, or null when the caller sent none; a problem when the key is unusable.</summary>
    public static string? KeyFor(HttpRequest request, ClaimsPrincipal user, string scope, out IResult? problem)
    {
        problem = null;
        var key = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key)) return null;
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            problem = Problems.Validation(Header, $"{Header} must be at most {MaxKeyLength} printable characters.");
            return null;
        }

        return $"{scope}|{user.ActorName()}|{key}";
    }

    public static async Task<IResult?> ReplayAsync(IQuerySession session, string? key, CancellationToken ct)
    {
        if (key is null) return null;
        var stored = await session.LoadAsync<IdempotentResponse>(key, ct);
        return stored is null ? null : new Replay(stored);
    }

    public static void Remember(IDocumentSession session, string? key, int status, string? location, string? etag, object body)
    {
        if (key is null) return;
        session.Insert(new IdempotentResponse(key, status, location, etag,
            JsonSerializer.Serialize(body, body.GetType(), JsonDefaults.Web), DateTimeOffset.UtcNow));
    }

    private sealed class Replay(IdempotentResponse stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = stored.Status;
            if (stored.Location is not null) context.Response.Headers.Location = stored.Location;
            if (stored.ETag is not null) context.Response.Headers.ETag = stored.ETag;
            context.Response.Headers["Idempotent-Replayed"] = "true";
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(stored.Body);
        }
    }
}
