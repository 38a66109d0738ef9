using System.ComponentModel;
using System.Net;
using System.Text.Json.Nodes;
using NewsPlatform.Np.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NewsPlatform.Np.Projections;

public sealed class ProjectionStatusSettings : GatewaySettings
{
    [CommandOption("--service <SERVICE>")]
    [Description("One service (articles, comments, localization, ads); all of them by default.")]
    public string? Service { get; init; }
}

/// <summary><c>np projections status</c>: one table of every projection of every service.</summary>
public sealed class ProjectionStatusCommand(IAnsiConsole console) : AsyncCommand<ProjectionStatusSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ProjectionStatusSettings settings, CancellationToken cancellationToken) =>
        Cli.RunAsync(console, async ct =>
        {
            using var http = await PlatformClient.CreateAsync(settings, ct);
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("service", "projection", "position", "high-water mark", "lag", "status");
            table.Columns[2].RightAligned();
            table.Columns[3].RightAligned();
            table.Columns[4].RightAligned();
            foreach (var service in settings.Service is { } one ? [one] : PlatformClient.Services)
            {
                foreach (var p in await ProjectionApi.ListAsync(http, service, ct))
                {
                    var status = p.Status switch
                    {
                        "running" or "inline" => $"[green]{p.Status}[/]",
                        "rebuilding" or "catching_up" => $"[yellow]{p.Status}[/]",
                        _ => $"[red]{Markup.Escape(p.Status)}[/]",
                    };
                    table.AddRow(Markup.Escape(service), Markup.Escape(p.Name), $"{p.Position:N0}", $"{p.HighWaterMark:N0}",
                        $"{Math.Max(0, p.HighWaterMark - p.Position):N0}", status);
                }
            }

            console.Write(table);
            return 0;
        }, cancellationToken);
}

public sealed class ProjectionRebuildSettings : GatewaySettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The projection (as `np projections status` names it).")]
    public string Name { get; init; } = "";

    [CommandOption("--service <SERVICE>")]
    public string Service { get; init; } = "articles";

    [CommandOption("--wait")]
    [Description("Follow the rebuild with a progress bar until it ends.")]
    public bool Wait { get; init; }
}

/// <summary><c>np projections rebuild NAME --service S --wait</c>: starts a rebuild (admin; NP_ADMIN_TOKEN wins) and follows it.</summary>
public sealed class ProjectionRebuildCommand(IAnsiConsole console) : AsyncCommand<ProjectionRebuildSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ProjectionRebuildSettings settings, CancellationToken cancellationToken) =>
        Cli.RunAsync(console, async ct =>
        {
            // Rebuilding is an admin's act (NP_ADMIN_TOKEN, when set, signs it); following it is an analyst's read.
            using var admin = await PlatformClient.CreateAsync(settings, ct, tokenVariable: "NP_ADMIN_TOKEN");
            using var http = await PlatformClient.CreateAsync(settings, ct);
            var prefix = PlatformClient.Prefix(settings.Service);
            using (var started = await admin.PostAsync($"{prefix}/projections/{Uri.EscapeDataString(settings.Name)}/rebuild", null, ct))
            {
                await PlatformClient.EnsureSuccessAsync(started, ct);
            }

            console.MarkupLineInterpolated($"Rebuild of [bold]{settings.Name}[/] ({settings.Service}) started.");
            if (!settings.Wait) return 0;

            await console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(Markup.Escape($"{settings.Service}/{settings.Name}"));
                    while (true)
                    {
                        var projection = (await ProjectionApi.ListAsync(http, settings.Service, ct))
                            .FirstOrDefault(p => string.Equals(p.Name.Split(':')[0], settings.Name, StringComparison.OrdinalIgnoreCase))
                            ?? throw new NpException($"{settings.Service} has no projection {settings.Name}.");
                        task.MaxValue = Math.Max(1, projection.HighWaterMark);
                        task.Value = Math.Min(projection.Position, projection.HighWaterMark);
                        if (projection.Status != "rebuilding" && projection.Position >= projection.HighWaterMark)
                        {
                            task.Value = task.MaxValue;
                            break;
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                    }
                });
            console.MarkupLineInterpolated($"[green]Rebuilt[/] {settings.Name}.");
            return 0;
        }, cancellationToken);
}

public sealed record ProjectionState(string Name, long Position, long HighWaterMark, string Status);

public static class ProjectionApi
{
    public static async Task<IReadOnlyList<ProjectionState>> ListAsync(HttpClient http, string service, CancellationToken ct)
    {
        using var response = await http.GetAsync($"{PlatformClient.Prefix(service)}/projections", ct);
        if (response.StatusCode == HttpStatusCode.Forbidden) throw new NpException("Reading projections needs the analyst role.");
        await PlatformClient.EnsureSuccessAsync(response, ct);
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsArray()
            .Select(p => new ProjectionState((string)p!["name"]!, (long)p["position"]!, (long)p["highWaterMark"]!, (string)p["status"]!))];
    }
}
