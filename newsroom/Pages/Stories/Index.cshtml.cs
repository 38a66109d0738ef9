using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Stories;

/// <summary>The desk: every story in every state, filtered by status, section, language and title.</summary>
[Authorize(Roles = "editor,analyst,admin")]
public sealed class StoriesModel(NewsroomApi api) : ConsolePage(api)
{
    [FromQuery] public string? Status { get; set; }
    [FromQuery] public string? Section { get; set; }
    [FromQuery] public string? Lang { get; set; }
    [FromQuery] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public PageOf<DeskCard>? Stories { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = $"api/articles/desk?page={Math.Max(1, PageNumber)}&pageSize=50"
                    + Param("status", Status) + Param("section", Section) + Param("lang", Lang) + Param("q", Q);
        var answer = await Api.GetAsync<PageOf<DeskCard>>(query, ct);
        if (answer.IsSuccess) Stories = answer.Value;
        else Problem = answer.Problem;
    }

    private static string Param(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : $"&{name}={Uri.EscapeDataString(value.Trim())}";
}
