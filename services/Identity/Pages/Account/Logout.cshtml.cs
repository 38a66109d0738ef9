using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsPlatform.Identity.Data;

namespace NewsPlatform.Identity.Pages.Account;

/// <summary>Signs out of the identity service (a GET only asks, so that a link cannot sign anyone out).</summary>
public sealed class LogoutModel(SignInManager<StaffUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("./SignedOut");
    }
}
