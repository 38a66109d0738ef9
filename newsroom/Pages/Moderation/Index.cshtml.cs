using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Moderation;

/// <summary>
/// The moderation queue with why each comment was held. Approve, reject and spam are plain forms (no JavaScript
/// needed); with JavaScript, htmx sends them without reloading and the keys a, r and s act on the selected comment.
/// </summary>
[Authorize(Roles = "moderator,admin")]
public sealed class ModerationModel(NewsroomApi api) : ConsolePage(api)
{
    [FromQuery] public string Status { get; set; } = "pending";
    public PageOf<QueuedComment>? Queue { get; private set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public Guid? ArticleId { get; set; }

    public static readonly string[] Statuses = ["pending", "approved", "rejected", "spam", "hidden"];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => DecideAsync(id, "approve", new { }, "Approved.", ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken ct) =>
        DecideAsync(id, "reject", new { reason = string.IsNullOrWhiteSpace(Reason) ? "Breaks the discussion rules" : Reason }, "Rejected.", ct);

    public Task<IActionResult> OnPostSpamAsync(Guid id, CancellationToken ct) => DecideAsync(id, "spam", new { }, "Marked as spam.", ct);

    public async Task<IActionResult> OnPostBanAsync(CancellationToken ct)
    {
        var answer = await Api.PostAsync<NoBody>("api/comments/bans", new { email = Email }, null, ct);
        return await AfterAsync(answer, $"{Email} is banned; their comments left the site.", ct);
    }

    public async Task<IActionResult> OnPostUnbanAsync(CancellationToken ct)
    {
        var answer = await Api.DeleteAsync<NoBody>($"api/comments/bans/{Uri.EscapeDataString(Email ?? "")}", ct);
        return await AfterAsync(answer, $"{Email} may comment again.", ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        var answer = await Api.PostAsync<Gateway.ThreadState>($"api/articles/{ArticleId}/comments/close", null, null, ct);
        return await AfterAsync(answer, "Thread closed.", ct);
    }

    public async Task<IActionResult> OnPostReopenAsync(CancellationToken ct)
    {
        var answer = await Api.PostAsync<Gateway.ThreadState>($"api/articles/{ArticleId}/comments/reopen", null, null, ct);
        return await AfterAsync(answer, "Thread reopened.", ct);
    }

    private async Task<IActionResult> DecideAsync(Guid id, string action, object body, string done, CancellationToken ct)
    {
        var answer = await Api.PostAsync<NoBody>($"api/comments/{id}/{action}", body, null, ct);
        if (Request.Headers.ContainsKey("HX-Request"))
        {
            // htmx replaces the comment's row with this line: the queue stays where the moderator was.
            return answer.IsSuccess
                ? Content($"<li class=\"done\" role=\"status\" data-testid=\"decided\">{System.Net.WebUtility.HtmlEncode(done)}</li>", "text/html")
                : Content($"<li class=\"problem\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(answer.Problem?.Detail ?? answer.Problem?.Title ?? "Not done.")}</li>", "text/html");
        }

        return await AfterAsync(answer, done, ct);
    }

    private async Task<IActionResult> AfterAsync<T>(ApiResult<T> answer, string done, CancellationToken ct)
    {
        if (answer.IsSuccess)
        {
            Flash(done);
            return Redirect($"{Request.PathBase}/moderation?status={Uri.EscapeDataString(Status)}");
        }

        Problem = answer.Problem;
        await LoadAsync(ct);
        Response.StatusCode = answer.Status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var answer = await Api.GetAsync<PageOf<QueuedComment>>($"api/comments/moderation?status={Uri.EscapeDataString(Status)}&pageSize=50", ct);
        if (answer.IsSuccess) Queue = answer.Value;
        else Problem ??= answer.Problem;
    }
}
