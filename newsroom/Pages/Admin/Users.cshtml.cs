using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Admin;

public sealed record StaffUserView(string Id, string UserName, string Email, string DisplayName, string[] Roles, string? AdvertiserId,
    bool Disabled, bool LockedOut, bool TwoFactorEnabled, bool MustChangePassword, DateTimeOffset CreatedAt);

public sealed class NewUserForm
{
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? AdvertiserId { get; set; }
    public static readonly string[] Fields = ["userName", "email", "displayName", "password", "roles", "advertiserId"];
}

/// <summary>
/// Users and roles through the identity service's admin API (<c>/identity/api/users</c>, role admin): list, create with
/// roles and an advertiser, change roles, disable and enable. The API's field errors show next to the fields; what was
/// typed stays (except the password, which is never sent back to the browser).
/// </summary>
[Authorize(Roles = "admin")]
public sealed class UsersModel(NewsroomApi api) : ConsolePage(api)
{
    public static readonly string[] AllRoles = ["editor", "moderator", "translator", "advertiser", "analyst", "admin"];
    private const string UsersPath = "identity/api/users";

    public PageOf<StaffUserView>? Users { get; private set; }
    [BindProperty] public NewUserForm Form { get; set; } = new();

    /// <summary>The user whose roles change failed, so the row shows the API's errors.</summary>
    public string? FailedUserId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var created = await Api.PostAsync<StaffUserView>(UsersPath, new
        {
            userName = Form.UserName, email = Form.Email, displayName = Form.DisplayName, password = Form.Password, roles = Form.Roles,
            advertiserId = string.IsNullOrWhiteSpace(Form.AdvertiserId) ? null : Form.AdvertiserId,
        }, null, ct);
        if (created.IsSuccess)
        {
            Flash($"User {Form.UserName} created.");
            return Redirect($"{Request.PathBase}/admin/users");
        }

        return await FailedAsync(created.Problem, created.Status, ct);
    }

    public async Task<IActionResult> OnPostRolesAsync(string id, string[] roles, string? advertiserId, CancellationToken ct)
    {
        var changed = await Api.PutAsync<StaffUserView>($"{UsersPath}/{Uri.EscapeDataString(id)}/roles",
            new { roles, advertiserId = string.IsNullOrWhiteSpace(advertiserId) ? null : advertiserId }, null, ct);
        if (changed.IsSuccess)
        {
            Flash("Roles changed.");
            return Redirect($"{Request.PathBase}/admin/users");
        }

        FailedUserId = id;
        return await FailedAsync(changed.Problem, changed.Status, ct);
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => SwitchAsync(id, "disable", "User disabled.", ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => SwitchAsync(id, "enable", "User enabled.", ct);

    private async Task<IActionResult> SwitchAsync(string id, string action, string done, CancellationToken ct)
    {
        var answer = await Api.PostAsync<NoBody>($"{UsersPath}/{Uri.EscapeDataString(id)}/{action}", null, null, ct);
        if (answer.IsSuccess)
        {
            Flash(done);
            return Redirect($"{Request.PathBase}/admin/users");
        }

        FailedUserId = id;
        return await FailedAsync(answer.Problem, answer.Status, ct);
    }

    private async Task<IActionResult> FailedAsync(Problem? problem, int status, CancellationToken ct)
    {
        Problem = problem;
        Form.Password = null;
        ModelState.Remove("Form.Password");
        Response.StatusCode = status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var answer = await Api.GetAsync<PageOf<StaffUserView>>($"{UsersPath}?pageSize=100", ct);
        if (answer.IsSuccess) Users = answer.Value;
        else Problem ??= answer.Problem;
    }
}
