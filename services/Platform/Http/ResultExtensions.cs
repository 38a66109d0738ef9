using Microsoft.AspNetCore.Http;

namespace NewsPlatform.Platform.Http;

/// <summary>Small additions to minimal-API results that several slices need.</summary>
public static class ResultExtensions
{
    /// <summary>The same result, with response headers set before it writes (ETag, Retry-After, Location …).</summary>
    public static IResult WithHeaders(this IResult result, params (string Name, string? Value)[] headers) =>
        new HeadersResult(result, headers);

    /// <summary>
    /// 304 when <c>If-None-Match</c> already names <paramref name="version"/> (with the ETag again), else null;
    /// the reader GETs call it after setting their Cache-Control.
    /// </summary>
    public static IResult? NotModified(this HttpRequest request, long version) =>
        request.IsNotModified(version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified).WithHeaders(("ETag", Versioning.ETag(version)))
            : null;

    /// <summary>Parses an enum by its name only (a number is not a name), ignoring case.</summary>
    public static bool TryParseName<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && !int.TryParse(text, out _);

    private sealed class HeadersResult(IResult inner, (string Name, string? Value)[] headers) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            foreach (var (name, value) in headers)
            {
                if (value is not null) httpContext.Response.Headers[name] = value;
            }

            return inner.ExecuteAsync(httpContext);
        }
    }
}
