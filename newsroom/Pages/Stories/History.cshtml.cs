using System.Text.Json;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Stories;

/// <summary>The text of a story as one version left it.</summary>
public sealed record StoryText(long Version, DateTimeOffset At, string Title, string Summary, string Body);

/// <summary>
/// A story's events, and a line diff (DiffPlex) of title, summary and body between any two versions. The texts come from
/// the events themselves (drafted, edited, revised), so one history call gives every version.
/// </summary>
[Authorize(Roles = "editor,analyst,admin")]
public sealed partial class HistoryModel(NewsroomApi api) : ConsolePage(api)
{
    public Guid Id { get; private set; }
    public IReadOnlyList<HistoryEntry> Events { get; private set; } = [];
    public IReadOnlyList<StoryText> Texts { get; private set; } = [];
    [FromQuery] public long? From { get; set; }
    [FromQuery] public long? To { get; set; }
    public IReadOnlyList<(string Field, DiffPaneModel Diff)> Diffs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        var answer = await Api.GetAsync<List<HistoryEntry>>($"api/articles/{id}/history", ct);
        if (answer.Status == 404) return NotFound();
        if (!answer.IsSuccess) { Problem = answer.Problem; return Page(); }
        Events = answer.Value ?? [];
        Texts = TextsOf(Events);
        if (Texts.Count >= 2)
        {
            From ??= Texts[^2].Version;
            To ??= Texts[^1].Version;
        }

        var older = Texts.LastOrDefault(t => t.Version <= From);
        var newer = Texts.LastOrDefault(t => t.Version <= To);
        if (older is not null && newer is not null)
        {
            Diffs =
            [
                ("Title", InlineDiffBuilder.Diff(older.Title, newer.Title)),
                ("Summary", InlineDiffBuilder.Diff(older.Summary, newer.Summary)),
                ("Body", InlineDiffBuilder.Diff(Lines(older.Body), Lines(newer.Body))),
            ];
        }

        return Page();
    }

    private static List<StoryText> TextsOf(IEnumerable<HistoryEntry> events)
    {
        var texts = new List<StoryText>();
        foreach (var e in events)
        {
            if (!e.Type.Contains("drafted", StringComparison.OrdinalIgnoreCase) && !e.Type.Contains("edited", StringComparison.OrdinalIgnoreCase)
                && !e.Type.Contains("revised", StringComparison.OrdinalIgnoreCase)) continue;
            texts.Add(new StoryText(e.Version, e.At, Text(e.Data, "title"), Text(e.Data, "summary"), Text(e.Data, "body")));
        }

        return texts;
    }

    private static string Text(JsonElement data, string name)
    {
        if (data.ValueKind != JsonValueKind.Object) return "";
        foreach (var p in data.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String) return p.Value.GetString()!;
        }

        return "";
    }

    /// <summary>One block of HTML a line, so the diff shows paragraphs rather than one long line.</summary>
    private static string Lines(string html) => BlockEnd().Replace(html, "$0\n");

    [GeneratedRegex(@"</(p|div|h[1-6]|li|ul|ol|blockquote|figure)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();
}
