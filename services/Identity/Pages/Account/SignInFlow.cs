using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsPlatform.Identity.Data;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Identity.Pages.Account;

/// <summary>
/// What follows a correct password, wherever it was typed (sign-in, password change): a one-time password is
/// changed first, an admin without TOTP enrols before getting a session, then the page the user came from.
/// </summary>
public static class SignInFlow
{
    public const string DefaultReturnUrl = "~/Account/SignedIn";

    public static async Task<IActionResult> AfterPasswordAsync(PageModel page, SignInManager<StaffUser> signIn, StaffUser user,
        Microsoft.AspNetCore.Identity.SignInResult result, string? returnUrl)
    {
        if (result.IsLockedOut) return page.RedirectToPage("./Lockout");
        if (result.IsNotAllowed)
        {
            page.ModelState.AddModelError(string.Empty, "This account is disabled. Ask an administrator to enable it.");
            return page.Page();
        }

        if (result.RequiresTwoFactor) return page.RedirectToPage("./LoginWith2fa", new { returnUrl });
        if (!result.Succeeded)
        {
            page.ModelState.AddModelError(string.Empty, "The user name or the password is wrong.");
            return page.Page();
        }

        return await AfterSecondFactorAsync(page, signIn, user, returnUrl);
    }

    /// <summary>The session exists; it is kept only when nothing is owed first.</summary>
    public static async Task<IActionResult> AfterSecondFactorAsync(PageModel page, SignInManager<StaffUser> signIn, StaffUser user,
        string? returnUrl)
    {
        if (user.MustChangePassword)
        {
            await signIn.SignOutAsync();
            return page.RedirectToPage("./ChangePassword", new { returnUrl, userName = user.UserName, required = true });
        }

        if (!user.TwoFactorEnabled && await signIn.UserManager.IsInRoleAsync(user, Roles.Admin))
        {
            await signIn.SignOutAsync();
            await BeginEnrolmentAsync(page.HttpContext, user);
            return page.RedirectToPage("./EnableAuthenticator", new { returnUrl });
        }

        return Return(page, returnUrl);
    }

    public static IActionResult Return(PageModel page, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl) ? page.LocalRedirect(returnUrl) : page.LocalRedirect(DefaultReturnUrl);

    /// <summary>
    /// Proof that the password was right, for the enrolment page only: Identity's short-lived two-factor cookie, the one
    /// it uses between the password and the code.
    /// </summary>
    private static Task BeginEnrolmentAsync(HttpContext http, StaffUser user) =>
        http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));
}
