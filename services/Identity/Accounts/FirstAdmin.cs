using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NewsPlatform.Identity.Data;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Identity.Accounts;

/// <summary>
/// The first admin (issue 13): when no admin exists and <c>Identity:FirstAdmin:PasswordFile</c> is set, one is made with
/// a random one-time password written to that file (mode 600) for <c>./platform up</c> to print once and delete. The
/// password must be changed at the first sign-in, and the admin enrols TOTP before getting in.
/// </summary>
public static class FirstAdmin
{
    public static async Task EnsureAsync(IServiceProvider services, ILogger logger)
    {
        var options = services.GetRequiredService<IOptions<IdentityServiceOptions>>().Value.FirstAdmin;
        if (string.IsNullOrWhiteSpace(options.PasswordFile)) return;
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return;

        var password = OneTimePassword();
        var admin = await users.FindByNameAsync(options.UserName);
        if (admin is null)
        {
            admin = new StaffUser
            {
                UserName = options.UserName,
                Email = options.Email,
                DisplayName = "Administrator",
                MustChangePassword = true,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Check(await users.CreateAsync(admin, password));
        }
        else
        {
            admin.MustChangePassword = true;
            Check(await users.RemovePasswordAsync(admin));
            Check(await users.AddPasswordAsync(admin, password));
        }

        Check(await users.AddToRoleAsync(admin, Roles.Admin));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.PasswordFile))!);
        await File.WriteAllTextAsync(options.PasswordFile, password + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(options.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        logger.LogWarning("First admin '{UserName}' made; its one-time password is in {PasswordFile}", options.UserName, options.PasswordFile);
    }

    /// <summary>20 random characters that meet the password policy (each class present).</summary>
    public static string OneTimePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "-_.!#%+=";
        var all = lower + upper + digits + symbols;
        var chars = new List<char>
        {
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 20) chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Could not make the first admin: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
