using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NewsPlatform.Platform.Http;

/// <summary>
/// Reader GETs whose answer is not one stream — lists, comment threads, feeds — have no stream version to use as
/// their <c>ETag</c>. Marked with <see cref="WithContentETag{TBuilder}"/>, such a route is answered into a buffer,
/// and a 200 gets a strong ETag hashed from the bytes it sends; <c>If-None-Match</c> with that tag gets 304 and no
/// body. The answers concerned are one page (at most 100 items), so buffering them costs little.
/// </summary>
public static class ContentETags
{
    public static TBuilder WithContentETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ContentETagMetadata.Instance);

    internal static IApplicationBuilder UseContentETags(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || context.GetEndpoint()?.Metadata.GetMetadata<ContentETagMetadata>() is null)
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var body = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }

        if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey("ETag"))
        {
            var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            var etag = $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
            response.Headers.ETag = etag;
            if (request.IsNotModified(etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }

        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(body, context.RequestAborted);
    });

    private sealed class ContentETagMetadata
    {
        public static readonly ContentETagMetadata Instance = new();
    }
}
