using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Console;

/// <summary>What every console page shares: the API, and the last problem the API answered, shown by its fields.</summary>
public abstract class ConsolePage(NewsroomApi api) : PageModel
{
    protected NewsroomApi Api { get; } = api;

    public Problem? Problem { get; protected set; }

    /// <summary>The API's messages for one form field (problem details <c>errors</c>).</summary>
    public IReadOnlyList<string> ErrorsFor(string field) => Problem?.For(field) ?? [];

    protected void Flash(string message) => TempData["Flash"] = message;
}
