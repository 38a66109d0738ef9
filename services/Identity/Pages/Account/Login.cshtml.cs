using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsPlatform.Identity.Data;

namespace NewsPlatform.Identity.Pages.Account;

public sealed class LoginModel(SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your user name.")]
        [Display(Name = "User name or e-mail")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(Input.UserName.Trim()) ?? await users.FindByEmailAsync(Input.UserName.Trim());
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, "The user name or the password is wrong.");
            return Page();
        }

        // Counts failures: the fifth wrong password in a row locks the account (StaffAccountRules).
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        return await SignInFlow.AfterPasswordAsync(this, signIn, user, result, ReturnUrl);
    }
}
