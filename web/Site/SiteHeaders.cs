using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Web.Site;

/// <summary>The site's HTTP rules that are not one page's business: caching, body size, static files, / and robots.txt.</summary>
public static class SiteHeaders
{
    /// <summary>A comment form is a few KB; anything over this is refused with a 413 page before it is read.</summary>
    public const int MaxFormBytes = 64 * 1024;

    private const string StaticMarker = "np-static";
    private const string RefusedMarker = "np-too-large";

    /// <summary>
    /// Pages carry per-view ad tokens and an anti-forgery token: <c>private, no-store</c>, always. Static files set
    /// their own long-lived caching.
    /// </summary>
    public static IApplicationBuilder UseSiteHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            if (!context.Items.ContainsKey(StaticMarker))
            {
                response.Headers.CacheControl = "private, no-store";
                response.Headers.Remove(HeaderNames.Pragma);
            }

            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request.IsHttps);
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// What a page may load (issue 12), from what the site is made of: its own css, js (site.js), icon, pictures and
    /// the gateway's API (the comment form's fetch, the impression beacons) are 'self'; article pictures and ad images
    /// may come from anywhere over https (advertisers' servers), or http when the page itself came over http (a
    /// development site, where an https-only rule would buy nothing); no inline script (the JSON-LD block is data, which
    /// script-src does not govern), no inline style, no plugins; forms post, and the base URL points, only here; no one
    /// frames the site. Frames (sandboxed ad creatives) are the site's own; a srcdoc frame inherits this policy.
    /// </summary>
    public static string ContentSecurityPolicy(bool https) =>
        "default-src 'self'; "
        + $"img-src 'self' data: https:{(https ? "" : " http:")}; "
        + "style-src 'self'; script-src 'self'; connect-src 'self'; frame-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Form posts over <see cref="MaxFormBytes"/> answer 413 (the status page explains, in the reader's language).</summary>
    public static IApplicationBuilder UseFormSizeLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // The status page that explains a 413 is itself reached by re-executing the POST: it must not be refused again.
        if (HttpMethods.IsPost(context.Request.Method) && !context.Items.ContainsKey(RefusedMarker))
        {
            if (context.Request.ContentLength > MaxFormBytes)
            {
                context.Items[RefusedMarker] = true;
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                context.Response.Headers.Connection = "close";
                return Task.CompletedTask;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxFormBytes;
        }

        return next(context);
    });

    /// <summary>css, js, the icon and the demo pictures: versioned URLs (<c>?v=</c>) are immutable, the rest kept a day.</summary>
    public static IApplicationBuilder UseSiteStaticFiles(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        OnPrepareResponse = file =>
        {
            file.Context.Items[StaticMarker] = true;
            file.Context.Response.Headers.CacheControl = file.Context.Request.Query.ContainsKey("v")
                ? "public, max-age=31536000, immutable"
                : "public, max-age=86400";
        },
    });

    public static IEndpointRouteBuilder MapSiteEndpoints(this IEndpointRouteBuilder app)
    {
        // The reader's language from Accept-Language (with its fallbacks: fr-MU → fr), else the site's default.
        app.MapMethods("/", ["GET", "HEAD"], (HttpContext context, IOptions<SiteOptions> site) =>
        {
            var lang = site.Value.SiteLanguageOf(site.Value.Candidates(context.Request, null));
            var chosen = site.Value.Languages.FirstOrDefault(l => string.Equals(l, lang, StringComparison.OrdinalIgnoreCase)) ?? lang;
            context.Response.Headers.Vary = "Accept-Language";
            return Results.Redirect($"/{chosen}/");
        });

        app.MapMethods("/robots.txt", ["GET", "HEAD"], (HttpContext context) =>
        {
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Text($"User-agent: *\nAllow: /\nDisallow: /*/search\n\nSitemap: {origin}/sitemap.xml\n", "text/plain; charset=utf-8");
        });
        return app;
    }
}
