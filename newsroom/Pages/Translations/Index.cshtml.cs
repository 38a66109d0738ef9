using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Translations;

/// <summary>The translator's tasks: untranslated and stale first (the localization service orders them).</summary>
[Authorize(Roles = "translator,admin")]
public sealed class TasksModel(NewsroomApi api) : ConsolePage(api)
{
    [FromQuery] public string? Lang { get; set; }
    [FromQuery] public string? Status { get; set; }
    public TaskPage? Tasks { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = "api/localization/tasks?pageSize=100";
        if (!string.IsNullOrWhiteSpace(Lang)) query += $"&lang={Uri.EscapeDataString(Lang)}";
        if (!string.IsNullOrWhiteSpace(Status)) query += $"&status={Uri.EscapeDataString(Status)}";
        var answer = await Api.GetAsync<TaskPage>(query, ct);
        if (answer.IsSuccess) Tasks = answer.Value;
        else Problem = answer.Problem;
    }
}
