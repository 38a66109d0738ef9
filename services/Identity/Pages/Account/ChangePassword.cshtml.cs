using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsPlatform.Identity.Data;

namespace NewsPlatform.Identity.Pages.Account;

/// <summary>
/// Changing a password with the current one (no session needed): how the first admin replaces its one-time password
/// before getting in. Wrong current passwords count towards the lockout like wrong sign-ins.
/// </summary>
public sealed class ChangePasswordModel(SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    public sealed class ChangeInput
    {
        [Required(ErrorMessage = "Enter your user name.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet(string? userName) => Input.UserName = userName ?? "";

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(Input.UserName.Trim());
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, "The user name or the current password is wrong.");
            return Page();
        }

        var check = await signIn.CheckPasswordSignInAsync(user, Input.CurrentPassword, lockoutOnFailure: true);
        if (check.IsLockedOut) return RedirectToPage("./Lockout");
        if (check.IsNotAllowed)
        {
            ModelState.AddModelError(string.Empty, "This account is disabled. Ask an administrator to enable it.");
            return Page();
        }

        if (!check.Succeeded)
        {
            ModelState.AddModelError(string.Empty, "The user name or the current password is wrong.");
            return Page();
        }

        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError("Input.NewPassword", "Choose a password other than the current one.");
            return Page();
        }

        var changed = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors) ModelState.AddModelError("Input.NewPassword", error.Description);
            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        var result = await signIn.PasswordSignInAsync(user, Input.NewPassword, isPersistent: false, lockoutOnFailure: true);
        return await SignInFlow.AfterPasswordAsync(this, signIn, user, result, ReturnUrl);
    }
}
