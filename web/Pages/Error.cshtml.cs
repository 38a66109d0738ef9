using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Web.Gateway;
using NewsPlatform.Web.Site;

namespace NewsPlatform.Web.Pages;

/// <summary>
/// Every error the site answers without a page of its own — an unknown path, a form without its anti-forgery token
/// (400), a form too large (413), an exception (500) — as a page in the language of the path it happened on, never
/// with a stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(SiteContext site, GatewayClient gateway, ILogger<ErrorModel> logger) : SitePage(site)
{
    // The code is read from the route by hand: a POST whose form is too large fails every value provider, and the
    // 413 page must still know it is one.
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => RenderAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => RenderAsync(ct);

    private Task<IActionResult> RenderAsync(CancellationToken ct)
    {
        var code = int.TryParse(HttpContext.GetRouteValue("code")?.ToString(), out var parsed) ? parsed : 404;
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
                       ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
                       ?? Request.Path.Value ?? "/";
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = failure switch
        {
            null => code is >= 400 and <= 599 ? code : 404,
            BadHttpRequestException bad => bad.StatusCode,
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => 400,
            _ => 500,
        };
        if (failure is not null && status >= 500) logger.LogError(failure, "Unhandled exception on {Path}", original);

        var first = original.TrimStart('/').Split('/')[0];
        var lang = Site.SiteLanguage(first) ?? Site.DefaultLanguage;
        return ErrorPageAsync(gateway, lang, status, ct);
    }
}
