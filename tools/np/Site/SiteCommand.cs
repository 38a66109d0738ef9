using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using NewsPlatform.Np.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NewsPlatform.Np.Site;

public sealed class SiteSettings : GatewaySettings
{
    [CommandOption("--as-of <TIME>")]
    [Description("The moment, e.g. 2026-11-20T20:00+04:00.")]
    public string AsOf { get; init; } = "";

    [CommandOption("--lang <LANG>")]
    public string? Lang { get; init; }

    public override ValidationResult Validate() =>
        DateTimeOffset.TryParse(AsOf, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error("--as-of is an instant, e.g. 2026-11-20T20:00+04:00.");
}

/// <summary><c>np site --as-of T</c>: the home page's lists (Latest, Must Read) as they stood at T, built from the history.</summary>
public sealed class SiteCommand(IAnsiConsole console) : AsyncCommand<SiteSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, SiteSettings settings, CancellationToken cancellationToken) =>
        Cli.RunAsync(console, async ct =>
        {
            using var http = await PlatformClient.CreateAsync(settings, ct);
            var asOf = DateTimeOffset.Parse(settings.AsOf, CultureInfo.InvariantCulture);
            var query = $"api/pages/home?asOf={Uri.EscapeDataString(asOf.ToString("O", CultureInfo.InvariantCulture))}"
                + (settings.Lang is { } lang ? $"&lang={Uri.EscapeDataString(lang)}" : "");
            using var response = await http.GetAsync(query, ct);
            await PlatformClient.EnsureSuccessAsync(response, ct);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
            console.MarkupLineInterpolated($"[bold]The home page as of {asOf:yyyy-MM-dd HH:mm zzz}[/]");
            foreach (var (title, key) in new[] { ("Latest", "latestArticles"), ("Must Read", "mustRead") })
            {
                var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumns("published", "section", "title", "slug");
                foreach (var item in page[key]?["items"]?.AsArray() ?? [])
                {
                    table.AddRow(Markup.Escape(DateTimeOffset.TryParse((string?)item?["publishedAt"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                            ? at.ToOffset(asOf.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : ""),
                        Markup.Escape((string?)item?["section"] ?? ""), Markup.Escape((string?)item?["title"] ?? ""), Markup.Escape((string?)item?["slug"] ?? ""));
                }

                console.Write(table);
            }

            return 0;
        }, cancellationToken);
}
