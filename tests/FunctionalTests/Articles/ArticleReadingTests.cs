using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Contracts;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Articles;

/// <summary>What readers and analysts read, through the gateway: lists, slugs, translations, feeds, history.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ArticleReadingTests(PlatformFixture platform)
{
    [Fact]
    public async Task Readers_never_see_drafts_scheduled_unpublished_or_retracted_stories()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();

        var (draft, _) = await Newsroom.Draft(editor, Newsroom.Story($"Draft {tag}", tag));
        var (scheduled, etag) = await Newsroom.Draft(editor, Newsroom.Story($"Scheduled {tag}", tag));
        await Newsroom.Act(editor, scheduled, "publish", etag, new { at = DateTimeOffset.UtcNow.AddDays(1) });
        var (retracted, retractedEtag, _) = await Newsroom.Published(editor, Newsroom.Story($"Retracted {tag}", tag));
        await Newsroom.Act(editor, retracted, "retract", retractedEtag, new { reason = "Wrong" });

        foreach (var id in new[] { draft, scheduled, retracted })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/api/articles/{id}")).StatusCode);
        }

        var list = await (await reader.GetAsync($"/api/articles?tag={tag}")).ReadObject();
        Assert.Equal(0, (int)list["total"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/by-slug/draft-{tag}")).StatusCode);
    }

    [Fact]
    public async Task A_published_article_carries_ETag_and_Cache_Control_and_answers_304()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (id, etag, _) = await Newsroom.Published(editor, Newsroom.Story("Cached story", Newsroom.UniqueTag()));

        var first = await reader.GetAsync($"/api/articles/{id}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(etag, first.Headers.ETag!.Tag);
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal("en", Assert.Single(first.Content.Headers.ContentLanguage));
        var json = await first.ReadObject();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", (string)json["publishedAt"]!); // UTC with Z, as CONTRACT.md says

        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/{id}");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Lists_and_feeds_carry_an_ETag_of_their_content_and_answer_304_until_they_change()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        await Newsroom.Published(editor, Newsroom.Story($"First {tag}", tag));

        foreach (var path in new[] { "/api/articles/must-read", "/feeds/en/latest.rss", "/sitemap.xml" })
        {
            var answer = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var conditional = new HttpRequestMessage(HttpMethod.Get, path);
            conditional.Headers.IfNoneMatch.Add(answer.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);
        }

        var list = $"/api/articles?tag={tag}";
        var first = await reader.GetAsync(list);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.True(first.Headers.CacheControl!.Public);
        var again = new HttpRequestMessage(HttpMethod.Get, list);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await Newsroom.Published(editor, Newsroom.Story($"Second {tag}", tag));
        var changed = await Eventually.Until(() =>
            {
                var conditional = new HttpRequestMessage(HttpMethod.Get, list);
                conditional.Headers.IfNoneMatch.Add(etag);
                return reader.SendAsync(conditional);
            }, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(20), "a new ETag once a second story shares the tag");
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(2, (int)(await changed.ReadObject())["total"]!);
    }

    [Fact]
    public async Task Latest_filters_by_section_tag_and_language_newest_first_with_paging()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (older, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Older {tag}", tag, "business"));
        var (newer, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Newer {tag}", tag, "business"));
        var (french, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Français {tag}", tag, "sport", "fr"));

        var all = await (await reader.GetAsync($"/api/articles?tag={tag.ToUpperInvariant()}")).ReadObject();
        Assert.Equal([french, newer, older], all["items"]!.AsArray().Select(i => (Guid)i!["id"]!));
        Assert.Equal(3, (int)all["total"]!);
        Assert.Equal(1, (int)all["page"]!);
        Assert.Equal(20, (int)all["pageSize"]!);
        Assert.Null(all["items"]![0]!["body"]);

        var business = await (await reader.GetAsync($"/api/articles?tag={tag}&section=business&pageSize=1&page=2")).ReadObject();
        Assert.Equal(older, (Guid)Assert.Single(business["items"]!.AsArray())!["id"]!);
        Assert.Equal(2, (int)business["total"]!);

        var inFrench = await (await reader.GetAsync($"/api/articles?tag={tag}&lang=fr")).ReadObject();
        Assert.Equal(french, (Guid)Assert.Single(inFrench["items"]!.AsArray())!["id"]!);

        foreach (var bad in new[] { "page=0", "pageSize=0", "pageSize=101", "page=x" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"/api/articles?{bad}")).StatusCode);
        }
    }

    [Fact]
    public async Task More_Articles_shares_a_tag_or_the_section_and_leaves_out_the_article_itself()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (main, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Main {tag}", tag, "world"));
        var (sameTag, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Same tag {tag}", tag, "lifestyle"));

        var related = await (await reader.GetAsync($"/api/articles/{main}/related?pageSize=100")).ReadObject();
        var ids = related["items"]!.AsArray().Select(i => (Guid)i!["id"]!).ToList();
        Assert.Contains(sameTag, ids);
        Assert.DoesNotContain(main, ids);
        Assert.All(related["items"]!.AsArray(), i => Assert.True((string)i!["section"]! == "world" || i["tags"]!.AsArray().Any(t => (string)t! == tag)));
    }

    [Fact]
    public async Task A_published_translation_is_served_by_slug_with_lang_and_leaves_with_TranslationUnpublished()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, _, published) = await Newsroom.Published(editor, Newsroom.Story($"Elections {tag}", tag));
        var slug = (string)published["slug"]!;
        var bus = platform.Articles.Services.GetRequiredService<IBus>();

        await bus.Publish(new TranslationPublished(id, "fr", $"elections-fr-{tag}", $"Élections {tag}", "Résumé", "<p>Texte</p>", 2));
        var translated = await Eventually.Until(() => reader.GetAsync($"/api/articles/by-slug/{slug}?lang=fr"),
            r => r.Content.Headers.ContentLanguage.Contains("fr"), TimeSpan.FromSeconds(20), "the translation");
        var body = await translated.ReadObject();
        Assert.Equal($"Élections {tag}", (string)body["title"]!);
        Assert.Equal("<p>Texte</p>", (string)body["body"]!);
        Assert.Equal(id, (Guid)body["id"]!);

        var byFrenchSlug = await reader.GetAsync($"/api/articles/by-slug/elections-fr-{tag}?lang=fr");
        Assert.Equal(HttpStatusCode.OK, byFrenchSlug.StatusCode);
        var negotiated = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/by-slug/{slug}");
        negotiated.Headers.AcceptLanguage.ParseAdd("fr-MU, fr;q=0.9, en;q=0.5");
        Assert.Equal("fr", Assert.Single((await reader.SendAsync(negotiated)).Content.Headers.ContentLanguage));
        var english = await reader.GetAsync($"/api/articles/by-slug/{slug}");
        Assert.Equal($"Elections {tag}", (string)(await english.ReadObject())["title"]!);

        // lang follows its fallback chain (fr-MU → fr), beats Accept-Language, and must be a language tag.
        var regional = await reader.GetAsync($"/api/articles/by-slug/{slug}?lang=fr-MU");
        Assert.Equal("fr", Assert.Single(regional.Content.Headers.ContentLanguage));
        Assert.Equal($"Élections {tag}", (string)(await regional.ReadObject())["title"]!);
        var overruled = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/by-slug/{slug}?lang=de");
        overruled.Headers.AcceptLanguage.ParseAdd("fr");
        Assert.Equal("en", Assert.Single((await reader.SendAsync(overruled)).Content.Headers.ContentLanguage));
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"/api/articles/by-slug/{slug}?lang=fr_FR")).StatusCode);
        var regionalList = await reader.GetAsync($"/api/articles?tag={tag}&lang=fr-MU");
        Assert.Equal("fr", Assert.Single(regionalList.Content.Headers.ContentLanguage));
        Assert.Equal($"Élections {tag}", (string)Assert.Single((await regionalList.ReadObject())["items"]!.AsArray())!["title"]!);

        var article = await (await reader.GetAsync($"/api/articles/{id}")).ReadObject();
        Assert.Equal("fr", (string)Assert.Single(article["translations"]!.AsArray())!["lang"]!);
        var frenchList = await (await reader.GetAsync($"/api/articles?tag={tag}&lang=fr")).ReadObject();
        Assert.Equal($"Élections {tag}", (string)Assert.Single(frenchList["items"]!.AsArray())!["title"]!);

        await bus.Publish(new TranslationUnpublished(id, "fr"));
        await Eventually.Until(() => reader.GetAsync($"/api/articles/by-slug/{slug}?lang=fr"),
            r => r.Content.Headers.ContentLanguage.Contains("en"), TimeSpan.FromSeconds(20), "the translation leaving");
    }

    [Fact]
    public async Task Fifty_stories_with_one_title_get_fifty_slugs_and_each_finds_its_own_with_one_query()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var title = $"Live: cyclone updates {tag}";
        var baseSlug = $"live-cyclone-updates-{tag}";

        // Every statement the articles service sends that looks for the taken forms of a slug, by the trace of the
        // request that sent it (the test gives each request its own trace).
        var slugQueries = new ConcurrentDictionary<ActivityTraceId, int>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TagObjects.Any(t => t.Value is string text && text.Contains("with taken as", StringComparison.Ordinal)))
                {
                    slugQueries.AddOrUpdate(activity.TraceId, 1, (_, n) => n + 1);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        async Task<(string Slug, ActivityTraceId Trace)> DraftAsync()
        {
            var trace = ActivityTraceId.CreateRandom();
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Api.JsonBody(Newsroom.Story(title, tag)) };
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            var response = await editor.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return ((string)(await response.ReadObject())["slug"]!, trace);
        }

        // One after another: each reservation reads the taken forms once, the fiftieth as the second did.
        var drafted = new List<(string Slug, ActivityTraceId Trace)>();
        for (var i = 0; i < 45; i++) drafted.Add(await DraftAsync());
        Assert.Equal([baseSlug, .. Enumerable.Range(2, 44).Select(n => $"{baseSlug}-{n}")], drafted.Select(d => d.Slug));
        Assert.All(drafted, d => Assert.Equal(1, slugQueries.GetValueOrDefault(d.Trace)));

        // Five at once: they race for the same form, the primary key lets one win, each loser looks once more.
        var racing = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => DraftAsync()));
        var all = drafted.Concat(racing).Select(d => d.Slug).ToList();
        Assert.Equal(50, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(46, 5).Select(n => $"{baseSlug}-{n}").ToHashSet(), racing.Select(d => d.Slug).ToHashSet());
        Assert.All(racing, d => Assert.InRange(slugQueries.GetValueOrDefault(d.Trace), 1, 5));

        // The slugs lead to their own stories once published.
        var (id, _, published) = await Newsroom.Published(editor, Newsroom.Story(title, tag));
        Assert.Equal($"{baseSlug}-51", (string)published["slug"]!);
        Assert.Equal(id, (Guid)(await (await reader.GetAsync($"/api/articles/by-slug/{baseSlug}-51")).ReadObject())["id"]!);
    }

    [Fact]
    public async Task The_comment_count_follows_CommentCountChanged_and_ignores_an_older_count()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (id, _, _) = await Newsroom.Published(editor, Newsroom.Story("Counted", Newsroom.UniqueTag()));
        var bus = platform.Articles.Services.GetRequiredService<IBus>();

        await bus.Publish(new CommentCountChanged(id, 7), c => c.Headers.Set("NewsPlatform-Stream-Version", 9L));
        await Eventually.Until(async () => (int)(await (await reader.GetAsync($"/api/articles/{id}")).ReadObject())["commentCount"]!,
            n => n == 7, TimeSpan.FromSeconds(20), "the count");
        using var consumed = ConsumedMessages.On(bus);
        var older = NewId.NextGuid();
        await bus.Publish(new CommentCountChanged(id, 3), c =>
        {
            c.MessageId = older;
            c.Headers.Set("NewsPlatform-Stream-Version", 4L);
        });
        // Once the articles service has handled the older count, whatever it was going to do is committed; the
        // editor's read is not cached, so it shows the service's own answer.
        await consumed.WaitFor(older, 1, TimeSpan.FromSeconds(20), "the older count");
        Assert.Equal(0, consumed.Faulted(older));
        Assert.Equal(7, (int)(await (await editor.GetAsync($"/api/articles/{id}")).ReadObject())["commentCount"]!);
    }

    [Fact]
    public async Task The_RSS_feed_parses_and_lists_the_edition_newest_first()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Feed story {tag}", tag, "world", "en"));

        var response = await reader.GetAsync("/feeds/en/latest.rss");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        using var xml = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(xml);
        Assert.Equal("en", feed.Language);
        var first = feed.Items.First();
        Assert.Equal(id.ToString(), first.Id);
        Assert.Equal($"Feed story {tag}", first.Title.Text);
        Assert.Contains(first.Categories, c => c.Name == tag);
        Assert.True(feed.Items.Zip(feed.Items.Skip(1)).All(p => p.First.PublishDate >= p.Second.PublishDate));

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/feeds/de/latest.rss")).StatusCode);
    }

    [Fact]
    public async Task The_sitemap_lists_each_language_version_with_hreflang_alternates()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, _, published) = await Newsroom.Published(editor, Newsroom.Story($"Sitemap {tag}", tag));
        await platform.Articles.Services.GetRequiredService<IBus>()
            .Publish(new TranslationPublished(id, "fr", $"plan-{tag}", $"Plan {tag}", "", "<p>x</p>", 2));

        var sitemap = await Eventually.Until(async () => await (await reader.GetAsync("/sitemap.xml")).Content.ReadAsStringAsync(),
            s => s.Contains($"plan-{tag}"), TimeSpan.FromSeconds(20), "the translated entry");
        var doc = XDocument.Parse(sitemap);
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9", xhtml = "http://www.w3.org/1999/xhtml";
        var english = doc.Root!.Elements(sm + "url").Single(u => u.Element(sm + "loc")!.Value.EndsWith($"/en/{published["slug"]}"));
        var alternates = english.Elements(xhtml + "link").Select(l => (string)l.Attribute("hreflang")!).ToList();
        Assert.Equal(["en", "fr"], alternates);
    }

    [Fact]
    public async Task History_and_asOf_tell_the_story_to_editors_and_analysts_only()
    {
        using var editor = platform.Client("editor");
        using var analyst = platform.Client("analyst");
        using var reader = platform.Client();
        var (id, etag) = await Newsroom.Draft(editor, Newsroom.Story("History", Newsroom.UniqueTag()));
        await Newsroom.Act(editor, id, "publish", etag, new { at = (DateTimeOffset?)null });

        var history = await (await analyst.GetAsync($"/api/articles/{id}/history")).ReadArray();
        Assert.Equal(["article_drafted", "article_published"], history.Select(e => (string)e!["type"]!));
        Assert.Equal("test-editor", (string)history[0]!["actor"]!);
        Assert.Equal(1, (int)history[0]!["version"]!);
        Assert.NotNull(history[1]!["data"]!["publishedAt"]);

        // As it stood at the moment it was drafted, by the store's own timestamp: no clock of the test's is compared.
        var draftedAt = history[0]!["at"]!.GetValue<DateTimeOffset>();
        Assert.True(draftedAt < history[1]!["at"]!.GetValue<DateTimeOffset>());
        var past = await (await analyst.GetAsync($"/api/articles/{id}?asOf={Uri.EscapeDataString(draftedAt.ToString("O"))}")).ReadObject();
        Assert.Equal("draft", (string)past["status"]!);
        Assert.Equal(1, (int)past["version"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"/api/articles/{id}/history")).StatusCode);
        using var moderator = platform.Client("moderator");
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync($"/api/articles/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"/api/articles/{id}?asOf=2020-01-01T00:00:00Z")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync($"/api/articles/{id}?asOf=2020-01-01T00:00:00Z")).StatusCode);
    }
}
