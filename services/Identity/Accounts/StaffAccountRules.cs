using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace NewsPlatform.Identity.Accounts;

/// <summary>Password policy, lockout and the sign-in cookie of staff accounts.</summary>
public static class StaffAccountRules
{
    public const int MinimumPasswordLength = 12;
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void Apply(IdentityOptions options)
    {
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequiredUniqueChars = 5;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.User.RequireUniqueEmail = true;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
        options.SignIn.RequireConfirmedAccount = false; // admins create accounts; there is no self-registration
        // The platform's claim names, so that User.IsInRole and the cookie principal read like the tokens.
        options.ClaimsIdentity.RoleClaimType = "role";
        options.ClaimsIdentity.UserNameClaimType = "name";
        options.ClaimsIdentity.UserIdClaimType = "sub";
    }

    public static void ApplyCookie(CookieAuthenticationOptions options)
    {
        options.LoginPath = "/Account/Login";
        options.LogoutPath = "/Account/Logout";
        options.AccessDeniedPath = "/Account/Login";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Cookie.Name = "np.identity";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
        // Relative redirects: behind the gateway the Host this service sees is its own, not the one the browser used.
        options.Events.OnRedirectToLogin = context => RedirectRelative(context.Response, context.RedirectUri);
        options.Events.OnRedirectToAccessDenied = context => RedirectRelative(context.Response, context.RedirectUri);
        options.Events.OnRedirectToLogout = context => RedirectRelative(context.Response, context.RedirectUri);
        options.Events.OnRedirectToReturnUrl = context => RedirectRelative(context.Response, context.RedirectUri);
    }

    private static Task RedirectRelative(Microsoft.AspNetCore.Http.HttpResponse response, string uri)
    {
        response.Redirect(Uri.TryCreate(uri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : uri);
        return Task.CompletedTask;
    }
}
