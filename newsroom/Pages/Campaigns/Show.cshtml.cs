using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Campaigns;

public sealed class CreativeForm
{
    public string Slot { get; set; } = "top";
    public string Kind { get; set; } = "text";
    public string? Text { get; set; }
    public string? ImageUrl { get; set; }
    public string? AltText { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public string? LandingUrl { get; set; }
    public static readonly string[] Fields = ["slot", "kind", "text", "imageUrl", "altText", "width", "height", "landingUrl", "html"];
}

/// <summary>One campaign: its creatives, activate and pause, and its report per hour or day in the site's time zone.</summary>
[Authorize(Roles = "advertiser,admin")]
public sealed class CampaignModel(NewsroomApi api) : ConsolePage(api)
{
    public Campaign? Campaign { get; private set; }
    public string Version { get; private set; } = "";
    public CampaignReport? Report { get; private set; }
    [FromQuery] public string Granularity { get; set; } = "day";
    [BindProperty] public CreativeForm Creative { get; set; } = new();
    [BindProperty(Name = "version")] public string? PostedVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostCreativeAsync(Guid id, CancellationToken ct)
    {
        var body = new
        {
            slot = Creative.Slot, kind = Creative.Kind, text = Creative.Text, imageUrl = Creative.ImageUrl, altText = Creative.AltText,
            width = Creative.Width, height = Creative.Height, landingUrl = Creative.LandingUrl,
        };
        return await AfterAsync(id, await Api.PostAsync<NoBody>($"api/ads/campaigns/{id}/creatives", body, null, ct), "Creative added.", ct);
    }

    public async Task<IActionResult> OnPostActivateAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, await Api.PostAsync<NoBody>($"api/ads/campaigns/{id}/activate", null, PostedVersion, ct), "Campaign active.", ct);

    public async Task<IActionResult> OnPostPauseAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, await Api.PostAsync<NoBody>($"api/ads/campaigns/{id}/pause", null, PostedVersion, ct), "Campaign paused.", ct);

    public async Task<IActionResult> OnPostResumeAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, await Api.PostAsync<NoBody>($"api/ads/campaigns/{id}/resume", null, PostedVersion, ct), "Campaign resumed.", ct);

    private async Task<IActionResult> AfterAsync(Guid id, ApiResult<NoBody> answer, string done, CancellationToken ct)
    {
        if (answer.IsSuccess)
        {
            Flash(done);
            return Redirect($"{Request.PathBase}/campaigns/{id}");
        }

        Problem = answer.Problem;
        var problem = Problem;
        if (await LoadAsync(id, ct) is { } failed) return failed;
        Problem = problem;
        Response.StatusCode = answer.Status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var answer = await Api.GetAsync<Campaign>($"api/ads/campaigns/{id}", ct);
        if (answer.Status == 404) return NotFound();
        if (!answer.IsSuccess) { Problem = answer.Problem; return null; }
        Campaign = answer.Value;
        Version = NewsroomApi.Unquote(answer.ETag ?? Campaign!.Version.ToString(CultureInfo.InvariantCulture));
        if (Granularity is not ("hour" or "day")) Granularity = "day";
        var report = await Api.GetAsync<CampaignReport>($"api/ads/campaigns/{id}/report?granularity={Granularity}", ct);
        if (report.IsSuccess) Report = report.Value;
        else Problem ??= report.Problem;
        return null;
    }
}
