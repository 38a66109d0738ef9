using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Admin;

/// <summary>Each service's projections with their lag (high-water mark minus position), rebuilds (admins) and exports.</summary>
[Authorize(Roles = "analyst,admin")]
public sealed class PlatformModel(NewsroomApi api) : ConsolePage(api)
{
    /// <summary>The services' names in the gateway's event routes (CONTRACT.md "Event history").</summary>
    public static readonly string[] Services = ["articles", "comments", "localization", "ads"];

    public Dictionary<string, IReadOnlyList<ProjectionState>?> Projections { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRebuildAsync(string service, string name, CancellationToken ct)
    {
        if (!Services.Contains(service)) return NotFound();
        var answer = await Api.PostAsync<NoBody>($"api/{service}/projections/{Uri.EscapeDataString(name)}/rebuild", null, null, ct);
        if (answer.IsSuccess)
        {
            Flash($"Rebuilding {service}/{name} from event 1; the old one serves until it is done.");
            return Redirect($"{Request.PathBase}/admin");
        }

        Problem = answer.Problem;
        Response.StatusCode = answer.Status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        foreach (var service in Services)
        {
            var answer = await Api.GetAsync<List<ProjectionState>>($"api/{service}/projections", ct);
            Projections[service] = answer.IsSuccess ? answer.Value : null;
        }
    }
}
