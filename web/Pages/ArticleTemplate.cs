using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsPlatform.Web.Gateway;
using NewsPlatform.Web.Site;

namespace NewsPlatform.Web.Pages;

/// <summary>
/// After an article page rendered with hole markers: its template is made (and kept, see <see cref="ArticleModel.KeepTemplate"/>),
/// and this view's page is that template filled with this view's ads and anti-forgery token.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ArticleTemplateFilter : Attribute, IAsyncResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Controller is not ArticleModel { Holes: { } templates, TemplateKey: { } key } page || context.Result is not PageResult)
        {
            await next();
            return;
        }

        var response = context.HttpContext.Response;
        var body = response.Body;
        using var rendered = new MemoryStream(32 * 1024);
        response.Body = rendered;
        try
        {
            await next();
        }
        finally
        {
            response.Body = body;
        }

        var template = templates.Make(key, rendered.GetBuffer().AsSpan(0, (int)rendered.Length), page.S["advertisement"], page.S["downloadTheApp"],
            keep: page.KeepTemplate && response.StatusCode == StatusCodes.Status200OK);
        await ArticleTemplateResult.WriteAsync(context.HttpContext, template, page.Ads);
    }
}

/// <summary>An article page from its template: only the holes are this view's.</summary>
public sealed class ArticleTemplateResult(RenderedPage template, IReadOnlyDictionary<string, AdData?>? ads) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext, template, ads);

    public static async Task WriteAsync(HttpContext http, RenderedPage template, IReadOnlyDictionary<string, AdData?>? ads)
    {
        // Sets the anti-forgery cookie when the reader has none, as the form's token would while rendering.
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var page = template.Render(hole => Fill(hole, template, ads, tokens));
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.ContentLength = page.Length;
        await http.Response.Body.WriteAsync(page, http.RequestAborted);
    }

    private static string Fill(string hole, RenderedPage template, IReadOnlyDictionary<string, AdData?>? ads, AntiforgeryTokenSet tokens)
    {
        AdData? Ad(string slot) => ads is not null && ads.TryGetValue(slot, out var ad) ? ad : null;
        return hole switch
        {
            "token" => $"<input name=\"{HtmlEncoder.Default.Encode(tokens.FormFieldName)}\" type=\"hidden\" value=\"{HtmlEncoder.Default.Encode(tokens.RequestToken ?? "")}\" />",
            "app" => AdHtml.AppLink(Ad("top"), template.AppLabel).Value ?? "",
            _ when hole.StartsWith("ad:", StringComparison.Ordinal) && Ad(hole[3..]) is { } ad => AdHtml.Slot(hole[3..], ad, template.AdLabel).Value ?? "",
            _ => "",
        };
    }
}
