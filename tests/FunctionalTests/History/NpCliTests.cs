using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NewsPlatform.FunctionalTests.Infrastructure;
using NewsPlatform.Np;
using NewsPlatform.Np.Events;
using Spectre.Console;

namespace NewsPlatform.FunctionalTests.History;

/// <summary>
/// <c>np</c> end to end against the test platform: its commands run in-process, as the tool runs them, through the
/// fixture's gateway with the test run's tokens.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NpCliTests(PlatformFixture platform) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("np-cli-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private async Task<(int Exit, string Output)> Np(string role, params string[] args) => await NpWithToken(Tokens.For(role), args);

    private async Task<(int Exit, string Output)> NpWithToken(string token, string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 250;
        var exit = await NpApp.Create(console).RunAsync([.. args, "--gateway", platform.Gateway.Address.ToString(), "--token", token]);
        return (exit, output.ToString());
    }

    private async Task<List<long>> ApiSequences(string service)
    {
        using var analyst = platform.Client("analyst");
        var ndjson = await (await analyst.GetAsync($"/api/{service}/events?limit=100000000")).Content.ReadAsStringAsync();
        return [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (long)JsonNode.Parse(l)!["sequence"]!)];
    }

    [Fact]
    public async Task An_interrupted_parquet_export_resumes_losing_and_duplicating_nothing()
    {
        using var editor = platform.Client("editor");
        for (var i = 0; i < 3; i++) await Newsroom.Published(editor, Newsroom.Story($"Resumable {i}", Newsroom.UniqueTag()));
        var file = Path.Combine(_work, "articles.parquet");

        // Interrupted after its first chunk of 5 events: one finished part, nothing in the file yet.
        using (var analyst = platform.Client("analyst"))
        using (var interrupt = new CancellationTokenSource())
        {
            var exporter = new EventExporter(analyst) { Chunk = 5 };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                exporter.ExportParquetAsync("articles", file, new ExportFilter(), new CancelAfterFirstChunk(interrupt), interrupt.Token));
        }

        Assert.Single(EventExporter.PartFiles(file + ".parts"));
        // A chunk cut short by the interruption is left as .tmp: the next run discards it.
        await File.WriteAllTextAsync(Path.Combine(file + ".parts", "part-after-0000000000000000005.parquet.tmp"), "cut short");

        var expected = await ApiSequences("articles");
        var (exit, output) = await Np("analyst", "events", "export", "--service", "articles", "--format", "parquet", "--out", file, "--chunk", "7");
        Assert.True(exit == 0, output);
        var exported = (await EventExportTests.ReadWithParquetNet(file)).Select(r => (long)r["sequence"]!).ToList();
        Assert.Equal(expected, exported.Take(expected.Count));
        Assert.Equal(exported.Distinct().Count(), exported.Count);
        Assert.False(Directory.Exists(file + ".parts"));

        // Run again later: it catches up with what was appended since, and only that.
        var (later, _, _) = await Newsroom.Published(editor, Newsroom.Story("Appended after the export", Newsroom.UniqueTag()));
        (exit, output) = await Np("analyst", "events", "export", "--service", "articles", "--out", file);
        Assert.True(exit == 0, output);
        var caughtUp = EventExportTests.ReadWithDuckDb(file);
        Assert.Equal(caughtUp.Select(r => (long)r["sequence"]!).Distinct().Count(), caughtUp.Count);
        Assert.Equal(2, caughtUp.Count(r => (string)r["streamId"]! == later.ToString()));
        Assert.Equal(await ApiSequences("articles") is var all ? all.Take(caughtUp.Count) : [], caughtUp.Select(r => (long)r["sequence"]!));
    }

    [Fact]
    public async Task An_interrupted_ndjson_export_resumes_after_its_last_whole_line()
    {
        using var editor = platform.Client("editor");
        for (var i = 0; i < 2; i++) await Newsroom.Published(editor, Newsroom.Story($"Lines {i}", Newsroom.UniqueTag()));
        var file = Path.Combine(_work, "articles.ndjson");
        using (var analyst = platform.Client("analyst"))
        using (var interrupt = new CancellationTokenSource())
        {
            var exporter = new EventExporter(analyst) { Chunk = 3 };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                exporter.ExportNdjsonAsync("articles", file, new ExportFilter(), new CancelAfterFirstChunk(interrupt), interrupt.Token));
        }

        // As if the process died in the middle of a line.
        await File.AppendAllTextAsync(file, "{\"sequence\":999999999,\"streamId\":\"cut");
        var expected = await ApiSequences("articles");
        var (exit, output) = await Np("analyst", "events", "export", "--service", "articles", "--out", file, "--chunk", "4");
        Assert.True(exit == 0, output);
        var lines = (await File.ReadAllLinesAsync(file)).Select(l => (long)JsonNode.Parse(l)!["sequence"]!).ToList();
        Assert.Equal(expected, lines.Take(expected.Count));
        Assert.Equal(lines.Distinct().Count(), lines.Count);
    }

    [Fact]
    public async Task Reports_projections_and_errors_through_the_tool()
    {
        using var editor = platform.Client("editor");
        await Newsroom.Published(editor, Newsroom.Story("Reported", Newsroom.UniqueTag(), section: "business"));
        var data = Path.Combine(_work, "data");
        var chart = Path.Combine(_work, "stories.png");
        var (exit, output) = await Np("analyst", "report", "stories-per-section-per-day", "--data", data, "--chart", chart);
        Assert.True(exit == 0, output);
        Assert.Contains("business", output);
        Assert.True(new FileInfo(chart).Length > 1000);
        Assert.NotEmpty(EventExporter.PartFiles(Path.Combine(data, "articles")));

        (exit, output) = await Np("analyst", "projections", "status");
        Assert.True(exit == 0, output);
        Assert.Contains("IntegrationEventRelay", output);
        Assert.Contains("Article", output);

        (exit, output) = await NpWithToken(AdminAndAnalyst(), ["projections", "rebuild", "Article", "--service", "articles", "--wait"]);
        Assert.True(exit == 0, output);
        Assert.Contains("Rebuilt", output);

        (exit, output) = await Np("editor", "projections", "status");
        Assert.Equal(1, exit);
        Assert.Contains("analyst role", output);
        (exit, output) = await Np("analyst", "report", "no-such-report");
        Assert.Equal(1, exit);
        Assert.Contains("stories-per-section-per-day", output);
    }

    private static string AdminAndAnalyst() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "news-platform", Audience = "news-platform", Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["sub"] = "test-ops", ["role"] = new[] { "admin", "analyst" } },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestEnvironment.SigningKey)), SecurityAlgorithms.HmacSha256),
    });

    private sealed class CancelAfterFirstChunk(CancellationTokenSource interrupt) : IExportProgress
    {
        public void Started(long resumedAfter, long highWaterMark) { }

        public void Wrote(long lastSequence) => interrupt.Cancel();
    }
}
