using NewsPlatform.Np.Connection;
using Spectre.Console;

namespace NewsPlatform.Np;

/// <summary>How every command ends: 0, or 1 with one red line saying why (no stack trace for what the user can fix).</summary>
public static class Cli
{
    public static async Task<int> RunAsync(IAnsiConsole console, Func<CancellationToken, Task<int>> command, CancellationToken ct)
    {
        try
        {
            return await command(ct);
        }
        catch (NpException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }
        catch (HttpRequestException e)
        {
            console.MarkupLineInterpolated($"[red]The platform did not answer: {e.Message}[/]");
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Interrupted: run the same command again to resume.[/]");
            return 130;
        }
    }
}
