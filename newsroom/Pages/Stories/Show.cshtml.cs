using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Stories;

/// <summary>One story: its state and the lifecycle actions an editor may take, each sent with the version shown.</summary>
[Authorize(Roles = "editor,analyst,admin")]
public sealed class ShowModel(NewsroomApi api, SiteClock clock) : ConsolePage(api)
{
    public Article Story { get; private set; } = null!;

    public string Version { get; private set; } = "";

    public TranslationGroup? Translations { get; private set; }

    /// <summary>What was typed into the action forms, kept when the API refuses.</summary>
    [BindProperty] public string? At { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Correction { get; set; }
    [BindProperty(Name = "version")] public string? PostedVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "publish", new { at = (DateTimeOffset?)null }, "Published.", ct);

    public Task<IActionResult> OnPostScheduleAsync(Guid id, CancellationToken ct)
    {
        var at = clock.FromLocalInput(At);
        if (at is null)
        {
            Problem = new Problem { Status = 400, Errors = new() { ["at"] = ["Give the date and time to publish at."] } };
            return ReloadAsync(id, 400, ct);
        }

        return ActAsync(id, "publish", new { at }, $"Scheduled for {clock.Show(at)} ({clock.ZoneName}).", ct);
    }

    public Task<IActionResult> OnPostUnpublishAsync(Guid id, CancellationToken ct) => ActAsync(id, "unpublish", new { }, "Unpublished.", ct);

    public Task<IActionResult> OnPostRetractAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "retract", new { reason = Reason }, "Retracted.", ct);

    public Task<IActionResult> OnPostFeatureAsync(Guid id, CancellationToken ct) => ActAsync(id, "feature", new { }, "Featured in Must Read.", ct);

    public Task<IActionResult> OnPostUnfeatureAsync(Guid id, CancellationToken ct) => ActAsync(id, "unfeature", new { }, "No longer featured.", ct);

    public Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "corrections", new { text = Correction }, "Correction added.", ct);

    private async Task<IActionResult> ActAsync(Guid id, string action, object body, string done, CancellationToken ct)
    {
        var answer = await Api.PostAsync<NoBody>($"api/articles/{id}/{action}", body, PostedVersion, ct);
        if (answer.IsSuccess)
        {
            Flash(done);
            return Redirect($"{Request.PathBase}/stories/{id}");
        }

        Problem = answer.Problem;
        return await ReloadAsync(id, answer.Status, ct);
    }

    /// <summary>The page again with the story as it is now and what was typed still in the forms.</summary>
    private async Task<IActionResult> ReloadAsync(Guid id, int status, CancellationToken ct)
    {
        var problem = Problem;
        if (await LoadAsync(id, ct) is { } failed) return failed;
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var answer = await Api.GetAsync<Article>($"api/articles/{id}", ct);
        if (answer.Status == 404) return NotFound();
        if (!answer.IsSuccess) { Problem = answer.Problem; return Page(); }
        Story = answer.Value!;
        Version = NewsroomApi.Unquote(answer.ETag ?? Story.Version.ToString(CultureInfo.InvariantCulture));
        var group = await Api.GetAsync<TranslationGroup>($"api/localization/articles/{id}", ct);
        Translations = group.IsSuccess ? group.Value : null;
        At ??= clock.ToLocalInput(clock.Now.AddHours(1));
        return null;
    }
}
