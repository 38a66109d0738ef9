using Microsoft.Playwright;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.BrowserTests.Infrastructure;

/// <summary>
/// What a page said to its console while a test drove it: every console error and uncaught exception, and every
/// request that failed or answered 4xx/5xx (a broken picture or script logs an error too, but this names it).
/// </summary>
public sealed class PageWatch
{
    private readonly List<string> problems = [];
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;
    private readonly HashSet<string> expectedStatuses;

    private PageWatch(IPage page, IEnumerable<string> expectedFailures)
    {
        expectedStatuses = [.. expectedFailures];
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !Expected(message.Location)) Add($"console error: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => Add($"uncaught: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A navigation (a click on a link) cancels what the old page still loaded: not a fault of the page.
            if (request.Failure is not "net::ERR_ABORTED") Add($"request failed: {request.Method} {request.Url} {request.Failure}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !Expected(response.Url)) Add($"{response.Status} for {response.Request.Method} {response.Url}");
        };
    }

    /// <summary>Problems so far, one a line.</summary>
    public IReadOnlyList<string> Problems
    {
        get { lock (problems) return [.. problems]; }
    }

    /// <summary>
    /// For a failing assertion's message: the page's problems so far and what the hosts logged meanwhile (the gateway's
    /// "page part failed", the site's "gateway answered 503"), which say why a page came out as it did.
    /// </summary>
    public string Explain() =>
        string.Join(Environment.NewLine, Problems.Concat(HostLog.Instance.WarningsSince(started).Take(30).Select(e => $"logged by a host: {e}")));

    /// <summary>Watches <paramref name="page"/>; the URLs in <paramref name="expectedFailures"/> (a page that is meant to be a 404) do not count.</summary>
    public static PageWatch On(IPage page, params string[] expectedFailures) => new(page, expectedFailures);

    private bool Expected(string url) => expectedStatuses.Any(e => url.StartsWith(e, StringComparison.Ordinal));

    private void Add(string problem)
    {
        lock (problems) problems.Add(problem);
    }
}
