using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsPlatform.Identity.Data;

namespace NewsPlatform.Identity.Pages.Account;

public sealed class LoginWith2faModel(SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The code is 6 digits.")]
    [Display(Name = "Authentication code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("./Login", new { ReturnUrl });
        if (!ModelState.IsValid) return Page();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", "", StringComparison.Ordinal).Trim(),
            isPersistent: false, rememberClient: false);
        if (result.IsLockedOut) return RedirectToPage("./Lockout");
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Code), "That code is not valid. Codes change every 30 seconds.");
            return Page();
        }

        return await SignInFlow.AfterSecondFactorAsync(this, signIn, user, ReturnUrl);
    }
}
