using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace NewsPlatform.Advertising.Delivery;

/// <summary>What a decision handed out: which creative of which campaign, and until when it may be counted.</summary>
public sealed record AdToken(Guid DecisionId, Guid CampaignId, Guid CreativeId, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs and checks the tokens in impression and click URLs: the decision, campaign, creative and expiry, with an
/// HMAC-SHA256 over them (key <c>Advertising:TokenKey</c>), in URL-safe base64. A token that was altered, or
/// signed with another key, or has expired, is refused and counts nothing.
/// </summary>
public sealed class AdTokens(IOptions<AdvertisingOptions> options)
{
    private const int PayloadLength = 16 * 3 + 8;
    private readonly byte[] key = Encoding.UTF8.GetBytes(options.Value.TokenKey);

    public string Sign(AdToken token)
    {
        var payload = new byte[PayloadLength];
        token.DecisionId.TryWriteBytes(payload.AsSpan(0, 16));
        token.CampaignId.TryWriteBytes(payload.AsSpan(16, 16));
        token.CreativeId.TryWriteBytes(payload.AsSpan(32, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(48, 8), token.ExpiresAt.ToUnixTimeSeconds());
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>A keyed hash of a client's address (16 bytes, URL-safe): the same address gives the same text, and the text gives no address back.</summary>
    public string HashAddress(System.Net.IPAddress? address)
    {
        var normal = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"address:{normal?.ToString() ?? "unknown"}"));
        return WebEncoders.Base64UrlEncode(hash, 0, 16);
    }

    public bool TryRead(string? text, DateTimeOffset now, out AdToken token, out string problem)
    {
        token = null!;
        problem = "The token is not one this ad server issued.";
        if (string.IsNullOrEmpty(text) || text.Length > 200 || text.Split('.') is not [var payloadText, var signatureText]) return false;
        byte[] payload, signature;
        try
        {
            payload = WebEncoders.Base64UrlDecode(payloadText);
            signature = WebEncoders.Base64UrlDecode(signatureText);
        }
        catch (FormatException)
        {
            return false;
        }

        if (payload.Length != PayloadLength || !CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload))) return false;

        token = new AdToken(new Guid(payload.AsSpan(0, 16)), new Guid(payload.AsSpan(16, 16)), new Guid(payload.AsSpan(32, 16)),
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(48, 8))));
        if (token.ExpiresAt <= now)
        {
            problem = "The token has expired.";
            return false;
        }

        return true;
    }
}
