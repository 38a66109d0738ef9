using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Freshness;

/// <summary>
/// Fresh reads (issue 11, docs/decisions/0024): a translation approved, revised or unpublished in the localization
/// service reaches the articles service over RabbitMQ, and the gateway's cache (here ten minutes long) must never
/// give a reader the older text once the articles service itself serves the new one. Readers poll the gateway
/// every 20 ms, by slug, as the composed page and as the reader site's page (whose rendered templates must not
/// outlive the answer they came from, docs/decisions/0023), while the test watches the service directly.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TranslationFreshnessTests(PlatformFixture platform)
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>How long the readers go on after the gateway first served the new text: long enough to see a re-cached old one.</summary>
    private static readonly TimeSpan WatchAfterNew = TimeSpan.FromSeconds(2);

    private enum Seen { Old, New, Other }

    private sealed record Read(string Route, TimeSpan Started, TimeSpan Ended, Seen Seen, string What);

    [Fact]
    public async Task Once_the_articles_service_serves_a_translation_change_no_reader_gets_the_older_text_from_the_gateway()
    {
        await using var gateway = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:ReaderCacheDuration"] = "00:10:00" });
        using var editor = platform.Client("editor");
        using var translator = platform.Client("translator");
        using var reader = platform.Client(gateway: gateway);
        using var direct = new HttpClient { BaseAddress = platform.Articles.Address, Timeout = TimeSpan.FromSeconds(30) };
        var tag = Newsroom.UniqueTag();
        var english = $"Cyclone warning {tag}";
        var (id, _, published) = await Newsroom.Published(editor, Newsroom.Story(english, tag, "world"));
        var slug = (string)published["slug"]!;
        await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{id}"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the translation group");
        var translation = $"/api/localization/articles/{id}/translations/fr";

        // Approve: English → French.
        var french = $"Alerte cyclonique {tag}";
        var inReview = await Submitted(translator, translation, french, etag: null);
        await Watch(reader, direct, slug, old: english, @new: french,
            () => editor.SendAsync(Post($"{translation}/approve", inReview)), "approve");

        // Revise: a new French text, approved again.
        var revised = $"Alerte cyclonique levée {tag}";
        var current = await translator.GetAsync(translation);
        inReview = await Submitted(translator, translation, revised, current.Headers.ETag!.Tag);
        await Watch(reader, direct, slug, old: french, @new: revised,
            () => editor.SendAsync(Post($"{translation}/approve", inReview)), "revise");

        // Unpublish: back to the English original.
        current = await translator.GetAsync(translation);
        await Watch(reader, direct, slug, old: revised, @new: english,
            () => editor.SendAsync(Post($"{translation}/unpublish", current.Headers.ETag!.Tag)), "unpublish");
    }

    /// <summary>The translation saved with <paramref name="title"/> and submitted; its ETag, for the editor's next step.</summary>
    private static async Task<string> Submitted(HttpClient translator, string translation, string title, string? etag)
    {
        var saved = await translator.SendAsync(new HttpRequestMessage(HttpMethod.Put, translation)
        {
            Content = Api.JsonBody(new { title, summary = "Résumé.", body = $"<p>{title}</p>" }),
        }.WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var submitted = await translator.SendAsync(Post($"{translation}/submit", saved.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return submitted.Headers.ETag!.Tag;
    }

    private static HttpRequestMessage Post(string path, string etag) => new HttpRequestMessage(HttpMethod.Post, path).WithIfMatch(etag);

    /// <summary>
    /// Readers poll the gateway while <paramref name="change"/> happens; the test polls the articles service directly.
    /// From the end of the first direct answer with the new text, every gateway answer asked for after it must have it.
    /// </summary>
    private static async Task Watch(HttpClient gateway, HttpClient direct, string slug, string old, string @new,
        Func<Task<HttpResponseMessage>> change, string what)
    {
        var clock = Stopwatch.StartNew();
        var reads = new ConcurrentQueue<Read>();
        TimeSpan? directNewAt = null, gatewayNewAt = null;
        using var stop = new CancellationTokenSource();

        Seen Classify(string? title) => title == @new ? Seen.New : title == old ? Seen.Old : Seen.Other;

        async Task Poll(string route, Func<Task<string?>> title, TimeSpan offset)
        {
            await Task.Delay(offset);
            while (!stop.IsCancellationRequested)
            {
                var started = clock.Elapsed;
                var seen = await title();
                var ended = clock.Elapsed;
                var read = new Read(route, started, ended, Classify(seen), seen ?? "(none)");
                reads.Enqueue(read);
                if (read.Seen == Seen.New && route != "direct") gatewayNewAt ??= ended;
                await Task.Delay(PollEvery);
            }
        }

        async Task<string?> BySlug(HttpClient client)
        {
            var response = await client.GetAsync($"/api/articles/by-slug/{slug}?lang=fr");
            return response.IsSuccessStatusCode ? (string?)(await response.ReadObject())["title"] : $"{(int)response.StatusCode}";
        }

        async Task<string?> Page()
        {
            var response = await gateway.GetAsync($"/api/pages/article/{slug}?lang=fr");
            return response.IsSuccessStatusCode ? (string?)(await response.ReadObject())["article"]?["title"] : $"{(int)response.StatusCode}";
        }

        // The story's headline on the site's French page (redirects followed: to the French slug, or to the English
        // page once the translation is unpublished).
        async Task<string?> SitePage()
        {
            var response = await gateway.GetAsync($"/fr/{slug}");
            if (!response.IsSuccessStatusCode) return $"{(int)response.StatusCode}";
            var headline = Regex.Match(await response.Content.ReadAsStringAsync(), "<h1>(.*?)</h1>", RegexOptions.Singleline);
            return headline.Success ? WebUtility.HtmlDecode(headline.Groups[1].Value) : "(no headline)";
        }

        // Six readers, staggered, so that some reader asks every few milliseconds, as a busy site's would.
        var pollers = new List<Task>
        {
            Poll("by-slug", () => BySlug(gateway), TimeSpan.Zero),
            Poll("by-slug", () => BySlug(gateway), TimeSpan.FromMilliseconds(10)),
            Poll("page", Page, TimeSpan.FromMilliseconds(5)),
            Poll("page", Page, TimeSpan.FromMilliseconds(15)),
            Poll("site", SitePage, TimeSpan.FromMilliseconds(3)),
            Poll("site", SitePage, TimeSpan.FromMilliseconds(13)),
        };

        // The readers have the old text (and the gateway has cached it) before the change.
        await Eventually.Until(() => Task.FromResult(reads.Count(r => r.Seen == Seen.Old)), n => n >= 8, MessageTimeout,
            $"{what}: readers getting the old text first");

        var changed = await change();
        Assert.True(changed.IsSuccessStatusCode, $"{what}: {(int)changed.StatusCode} {await changed.Content.ReadAsStringAsync()}");

        var deadline = clock.Elapsed + MessageTimeout;
        while (clock.Elapsed < deadline)
        {
            var started = clock.Elapsed;
            var seen = Classify(await BySlug(direct));
            if (seen == Seen.New && directNewAt is null) directNewAt = clock.Elapsed;
            reads.Enqueue(new Read("direct", started, clock.Elapsed, seen, ""));
            if (gatewayNewAt is { } first && clock.Elapsed - first > WatchAfterNew && directNewAt is not null) break;
            await Task.Delay(PollEvery);
        }

        await stop.CancelAsync();
        await Task.WhenAll(pollers);

        Assert.True(directNewAt is not null, $"{what}: the articles service never served the new text");
        Assert.True(gatewayNewAt is not null, $"{what}: the gateway never served the new text within {MessageTimeout.TotalSeconds} s "
                                              + $"(the articles service did after {directNewAt!.Value.TotalMilliseconds:0} ms)");
        var stale = reads.Where(r => r.Route != "direct" && r.Started > directNewAt.Value && r.Seen != Seen.New).ToList();
        Assert.True(stale.Count == 0, $"{what}: after the articles service served the new text ({directNewAt.Value.TotalMilliseconds:0} ms), "
                                      + $"the gateway still answered {stale.Count} times with something else, e.g. "
                                      + string.Join("; ", stale.Take(5).Select(r => $"{r.Route} at {r.Started.TotalMilliseconds:0} ms: {r.What}")));
        Assert.Contains(reads, r => r.Route != "direct" && r.Started > directNewAt.Value); // the readers went on reading
    }
}
