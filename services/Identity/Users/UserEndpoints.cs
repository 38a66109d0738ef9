using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NewsPlatform.Identity.Accounts;
using NewsPlatform.Identity.Data;
using NewsPlatform.Identity.Signing;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Identity.Users;

public sealed record NewUser(string? UserName, string? Email, string? DisplayName, string? Password, string[]? Roles, string? AdvertiserId);

public sealed record UserRoles(string[]? Roles, string? AdvertiserId);

public sealed record UserView(string Id, string UserName, string Email, string DisplayName, string[] Roles, string? AdvertiserId,
    bool Disabled, bool LockedOut, bool TwoFactorEnabled, bool MustChangePassword, DateTimeOffset CreatedAt);

/// <summary>
/// The admin API (role admin): users, their roles and advertiser, disabling. Under the gateway at
/// <c>/identity/api/users</c>. Errors are problems with <c>errors</c> per field, Identity's password policy included.
/// </summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization(AdminOnly.Policy);
        users.MapGet("", List);
        users.MapGet("/{id}", Get);
        users.MapPost("", Create);
        users.MapPut("/{id}/roles", SetRoles);
        users.MapPost("/{id}/disable", (string id, UserManager<StaffUser> manager) => SetDisabled(id, true, manager));
        users.MapPost("/{id}/enable", (string id, UserManager<StaffUser> manager) => SetDisabled(id, false, manager));
        return app;
    }

    private static async Task<IResult> List(int? page, int? pageSize, UserManager<StaffUser> manager, IdentityDb db, CancellationToken cancellationToken)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;
        var total = await manager.Users.LongCountAsync(cancellationToken);
        var found = await manager.Users.OrderBy(u => u.UserName).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var ids = found.Select(u => u.Id).ToList();
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           where ids.Contains(link.UserId)
                           select new { link.UserId, role.Name }).ToListAsync(cancellationToken);
        var items = found.Select(u => View(u, [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)]))
            .ToList();
        return TypedResults.Ok(new PageOf<UserView>(items, paging.Page, paging.PageSize, total));
    }

    private static async Task<IResult> Get(string id, UserManager<StaffUser> manager)
    {
        var user = await manager.FindByIdAsync(id);
        return user is null ? Problems.NotFound($"No user {id}.") : TypedResults.Ok(await ViewAsync(user, manager));
    }

    private static async Task<IResult> Create(NewUser body, UserManager<StaffUser> manager, TimeProvider clock)
    {
        var errors = new ValidationErrors();
        errors.Length("userName", body.UserName, 3, 64);
        errors.Length("displayName", body.DisplayName, 1, 200);
        if (string.IsNullOrWhiteSpace(body.Email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(body.Email))
        {
            errors.Add("email", "email must be an e-mail address.");
        }

        if (string.IsNullOrEmpty(body.Password)) errors.Add("password", "password is required.");
        var roles = CheckRoles(body.Roles ?? [], body.AdvertiserId, errors);
        var user = new StaffUser
        {
            UserName = body.UserName?.Trim(),
            Email = body.Email?.Trim(),
            DisplayName = body.DisplayName?.Trim() ?? "",
            AdvertiserId = roles.Contains(Roles.Advertiser) ? body.AdvertiserId?.Trim() : null,
            CreatedAt = clock.GetUtcNow(),
        };

        // The password policy answers next to the password, before anything is stored.
        if (!string.IsNullOrEmpty(body.Password))
        {
            foreach (var validator in manager.PasswordValidators)
            {
                var result = await validator.ValidateAsync(manager, user, body.Password);
                foreach (var error in result.Errors) errors.Add("password", error.Description);
            }
        }

        if (!errors.Any && user.UserName is not null)
        {
            foreach (var validator in manager.UserValidators)
            {
                var result = await validator.ValidateAsync(manager, user);
                foreach (var error in result.Errors) errors.Add(FieldOf(error), error.Description);
            }
        }

        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var created = await manager.CreateAsync(user, body.Password!);
        if (!created.Succeeded)
        {
            // A race with another create of the same name: the same answer as the check above would have given.
            return Problems.Validation(created.Errors.GroupBy(FieldOf).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        if (roles.Count > 0) await manager.AddToRolesAsync(user, roles);
        return TypedResults.Created($"/identity/api/users/{user.Id}", await ViewAsync(user, manager));
    }

    private static async Task<IResult> SetRoles(string id, UserRoles body, UserManager<StaffUser> manager)
    {
        var user = await manager.FindByIdAsync(id);
        if (user is null) return Problems.NotFound($"No user {id}.");
        var errors = new ValidationErrors();
        if (body.Roles is null) errors.Add("roles", "roles is required (an empty list removes every role).");
        var roles = CheckRoles(body.Roles ?? [], body.AdvertiserId, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var current = await manager.GetRolesAsync(user);
        await manager.RemoveFromRolesAsync(user, current.Except(roles));
        await manager.AddToRolesAsync(user, roles.Except(current));
        user.AdvertiserId = roles.Contains(Roles.Advertiser) ? body.AdvertiserId!.Trim() : null;
        await manager.UpdateAsync(user);
        // Roles show in the next token: an access token already handed out keeps its roles until it expires.
        return TypedResults.Ok(await ViewAsync(user, manager));
    }

    private static async Task<IResult> SetDisabled(string id, bool disabled, UserManager<StaffUser> manager)
    {
        var user = await manager.FindByIdAsync(id);
        if (user is null) return Problems.NotFound($"No user {id}.");
        user.Disabled = disabled;
        await manager.UpdateAsync(user);
        // A new security stamp ends the identity service's own sessions of that user at their next validation.
        await manager.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(await ViewAsync(user, manager));
    }

    private static List<string> CheckRoles(string[] roles, string? advertiserId, ValidationErrors errors)
    {
        var unknown = roles.Where(r => !StaffRoles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("roles", $"Unknown role(s) {string.Join(", ", unknown)}; roles are {string.Join(" ", StaffRoles.All)}.");
        }

        var known = roles.Where(r => StaffRoles.All.Contains(r, StringComparer.Ordinal)).Distinct().ToList();
        if (known.Contains(Roles.Advertiser) && string.IsNullOrWhiteSpace(advertiserId))
        {
            errors.Add("advertiserId", "An advertiser user needs the id of its advertiser.");
        }
        else if (!string.IsNullOrWhiteSpace(advertiserId) && !known.Contains(Roles.Advertiser))
        {
            errors.Add("advertiserId", "advertiserId is only for users with the advertiser role.");
        }
        else if (advertiserId is { Length: > 100 })
        {
            errors.Add("advertiserId", "advertiserId must be at most 100 characters.");
        }

        return known;
    }

    private static string FieldOf(IdentityError error) => error.Code switch
    {
        var code when code.StartsWith("Password", StringComparison.Ordinal) => "password",
        var code when code.Contains("Email", StringComparison.Ordinal) => "email",
        var code when code.Contains("UserName", StringComparison.Ordinal) => "userName",
        var code when code.Contains("Role", StringComparison.Ordinal) => "roles",
        _ => "user",
    };

    private static async Task<UserView> ViewAsync(StaffUser user, UserManager<StaffUser> manager) =>
        View(user, [.. (await manager.GetRolesAsync(user)).Order(StringComparer.Ordinal)]);

    private static UserView View(StaffUser user, string[] roles) => new(user.Id, user.UserName ?? "", user.Email ?? "", user.DisplayName,
        roles, user.AdvertiserId, user.Disabled, user.LockoutEnd > DateTimeOffset.UtcNow, user.TwoFactorEnabled, user.MustChangePassword,
        user.CreatedAt);
}

/// <summary>The admin API's policy: a bearer token (the identity service's own, or a development one) with role admin.</summary>
public static class AdminOnly
{
    public const string Policy = "identity-admin";

    public static IServiceCollection AddAdminPolicy(this IServiceCollection services, IConfiguration configuration) =>
        services.AddAuthorization(options => options.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(AuthExtensions.BearerScheme(configuration))
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Admin)));
}

/// <summary>Signing-key rotation for admins: <c>POST /identity/api/keys/rotate</c>.</summary>
public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/keys/rotate", async (KeyRing ring, CancellationToken cancellationToken) =>
            TypedResults.Ok(await ring.RotateAsync(cancellationToken))).RequireAuthorization(AdminOnly.Policy);
        app.MapGet("/api/keys", (KeyRing ring) => TypedResults.Ok(new
        {
            signing = ring.Current.SigningKeys.Select(k => k.KeyId),
        })).RequireAuthorization(AdminOnly.Policy);
        return app;
    }
}
