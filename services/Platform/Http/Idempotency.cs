using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Platform.Http;

/// <summary>
/// The first answer to a create that carried an <c>Idempotency-Key</c>, kept to be replayed. <see cref="Fingerprint"/>
/// is a hash of the request it answered (null for records kept before it existed, or routes that do not send one).
/// </summary>
public sealed record IdempotentResponse(string Id, int Status, string? Location, string? ETag, string Body, DateTimeOffset At,
    string? Fingerprint = null);

/// <summary>A usable <c>Idempotency-Key</c>: the stored id (scope, caller, key) and the fingerprint of the request body.</summary>
public sealed record IdempotencyKey(string Id, string? Fingerprint);

/// <summary>
/// <c>Idempotency-Key</c> on creating POSTs: the same key from the same caller gets the first response again
/// and creates nothing. The record is saved in the same transaction as what the request created, so a key is
/// never remembered for a create that did not commit, nor a create committed without its key.
/// <para>
/// The caller is who the request says it is when signed in (its subject, and its advertiser when it has one), and
/// the client address the service sees when not: guests share no identity, so one guest's key can never replay
/// another guest's answer. The same key with a different body is the client's mistake, answered 422 (as the IETF
/// Idempotency-Key draft asks) rather than replaying an answer to another request (docs/decisions/0011).
/// </para>
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    public const string AdvertiserClaim = "advertiser_id";

    /// <summary>The stored key for this request, or null when the caller sent none; a problem when the key is unusable.</summary>
    public static IdempotencyKey? KeyFor(HttpRequest request, ClaimsPrincipal user, string scope, out IResult? problem) =>
        KeyFor(request, user, scope, body: null, out problem);

    /// <summary>
    /// As <see cref="KeyFor(HttpRequest, ClaimsPrincipal, string, out IResult?)"/>, with the bound request
    /// <paramref name="body"/>, whose hash makes a reuse of the key for another request a 422.
    /// </summary>
    public static IdempotencyKey? KeyFor(HttpRequest request, ClaimsPrincipal user, string scope, object? body, out IResult? problem)
    {
        problem = null;
        var key = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key)) return null;
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            problem = Problems.Validation(Header, $"{Header} must be at most {MaxKeyLength} printable characters.");
            return null;
        }

        return new IdempotencyKey($"{scope}|{CallerOf(request.HttpContext, user)}|{key}", body is null ? null : Fingerprint(body));
    }

    /// <summary>
    /// Who the key belongs to: the subject (and advertiser) of a signed-in caller; for a guest, the client address
    /// this service sees (the gateway's X-Forwarded-For is believed only from the gateway).
    /// </summary>
    public static string CallerOf(HttpContext http, ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated == true)
        {
            var advertiser = user.FindFirstValue(AdvertiserClaim);
            return advertiser is null ? $"user:{user.ActorName()}" : $"user:{user.ActorName()}:advertiser:{advertiser}";
        }

        return $"guest:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
    }

    /// <summary>A SHA-256 of the request as bound (JSON), so a whitespace or field-order change is the same request.</summary>
    public static string Fingerprint(object body) =>
        Convert.ToBase64String(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), JsonDefaults.Web)));

    public static async Task<IResult?> ReplayAsync(IQuerySession session, IdempotencyKey? key, CancellationToken ct)
    {
        if (key is null) return null;
        var stored = await session.LoadAsync<IdempotentResponse>(key.Id, ct);
        if (stored is null) return null;
        if (stored.Fingerprint is not null && key.Fingerprint is not null && stored.Fingerprint != key.Fingerprint)
        {
            return TypedResults.Problem($"This {Header} was already used for a different request; use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused");
        }

        return new Replay(stored);
    }

    public static void Remember(IDocumentSession session, IdempotencyKey? key, int status, string? location, string? etag, object body)
    {
        if (key is null) return;
        session.Insert(new IdempotentResponse(key.Id, status, location, etag,
            JsonSerializer.Serialize(body, body.GetType(), JsonDefaults.Web), DateTimeOffset.UtcNow, key.Fingerprint));
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
