using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsPlatform.Newsroom.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet() { }
}
