using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Gateway.Security;

/// <summary>
/// A request reaches a service only whole. Forwarding streams the body after the headers, and a service acts on the
/// headers of a route that reads no body (mark as spam, feature): a body that then proves too large, cut short or
/// badly chunked made the gateway answer 4xx for a change that had been made. So the gateway reads the body first,
/// within the same 256 KiB limit, and answers those failures itself before anything is forwarded.
/// </summary>
public static class WholeRequestBodies
{
    /// <summary>Bodies up to this size stay in memory while read; larger ones (up to the limit) go to a temporary file.</summary>
    private const int MemoryThreshold = 64 * 1024;

    public static IReverseProxyApplicationBuilder UseWholeRequestBodies(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            var request = context.Request;
            if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
            {
                // A declared length over the limit is refused without reading a byte of it.
                if (request.ContentLength > ProblemDetailsSetup.MaxRequestBodyBytes)
                {
                    throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
                }

                request.EnableBuffering(MemoryThreshold, ProblemDetailsSetup.MaxRequestBodyBytes);
                await request.Body.DrainAsync(context.RequestAborted); // Kestrel throws 413/400 here, before forwarding
                request.Body.Position = 0;
            }

            await next();
        });
        return proxy;
    }
}
