using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Stories;

/// <summary>
/// The story as the reader site renders it: the site's own article page for this id (<c>/preview/{id}</c> behind the
/// gateway), asked for with the editor's token, so drafts show exactly as they will look (docs/decisions/0015).
/// </summary>
[Authorize(Roles = "editor,analyst,admin")]
public sealed class PreviewModel(NewsroomApi api) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var (status, html, contentType) = await api.GetTextAsync($"preview/{id}", ct);
        if (status != 200) return StatusCode(status);
        // A banner on top, so nobody mistakes the preview for the live page; the rest is the site's HTML untouched.
        var banner = $"<div role=\"status\" data-testid=\"preview-banner\" style=\"background:#fff4d6;padding:.5rem 1rem;font:14px system-ui\">Preview · not what readers see until published · <a href=\"{Request.PathBase}/stories/{id}\">back to the story</a></div>";
        var at = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var end = at < 0 ? -1 : html.IndexOf('>', at);
        var page = end < 0 ? banner + html : html[..(end + 1)] + banner + html[(end + 1)..];
        return Content(page, contentType ?? "text/html; charset=utf-8");
    }
}
