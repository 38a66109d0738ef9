using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Newsroom.Pages.Campaigns;

public sealed class CampaignForm
{
    public string? Name { get; set; }
    public string Priority { get; set; } = "standard";
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public long? ImpressionGoal { get; set; }
    public long? DailyImpressionCap { get; set; }
    public string? Slots { get; set; } = "top, sidebar";
    public string? Sections { get; set; }
    public string? Tags { get; set; }
    public string? Languages { get; set; }
    public string? IdempotencyKey { get; set; }

    public static readonly string[] Fields =
        ["name", "priority", "startsAt", "endsAt", "impressionGoal", "dailyImpressionCap", "targeting.slots", "targeting.sections",
         "targeting.tags", "targeting.languages"];

    public static List<string> Split(string? list) => [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>An advertiser's campaigns, and a new one (its times typed in the site's time zone).</summary>
[Authorize(Roles = "advertiser,admin")]
public sealed class CampaignsModel(NewsroomApi api, SiteClock clock) : ConsolePage(api)
{
    public PageOf<Campaign>? Campaigns { get; private set; }
    [BindProperty] public CampaignForm Form { get; set; } = new();
    public Guid? AdvertiserId => Guid.TryParse(User.FindFirst(Roles.AdvertiserIdClaim)?.Value, out var id) ? id : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = new CampaignForm
        {
            StartsAt = clock.ToLocalInput(clock.Now), EndsAt = clock.ToLocalInput(clock.Now.AddDays(30)), IdempotencyKey = Guid.NewGuid().ToString("N"),
        };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var body = new
        {
            advertiserId = AdvertiserId,
            name = Form.Name,
            priority = Form.Priority,
            startsAt = clock.FromLocalInput(Form.StartsAt),
            endsAt = clock.FromLocalInput(Form.EndsAt),
            impressionGoal = Form.ImpressionGoal,
            dailyImpressionCap = Form.DailyImpressionCap,
            targeting = new
            {
                slots = CampaignForm.Split(Form.Slots), sections = CampaignForm.Split(Form.Sections), tags = CampaignForm.Split(Form.Tags),
                languages = CampaignForm.Split(Form.Languages),
            },
        };
        var created = await Api.PostAsync<Campaign>("api/ads/campaigns", body, null, ct, Form.IdempotencyKey);
        if (created.IsSuccess && created.Value is { } campaign)
        {
            Flash("Campaign created. Add a creative, then activate it.");
            return Redirect($"{Request.PathBase}/campaigns/{campaign.Id}");
        }

        Problem = created.Problem;
        Response.StatusCode = created.Status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = AdvertiserId is { } id ? $"api/ads/campaigns?advertiserId={id}&pageSize=100" : "api/ads/campaigns?pageSize=100";
        var answer = await Api.GetAsync<PageOf<Campaign>>(query, ct);
        if (answer.IsSuccess) Campaigns = answer.Value;
        else Problem ??= answer.Problem;
    }
}
