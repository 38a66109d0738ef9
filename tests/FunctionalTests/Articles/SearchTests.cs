using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Contracts;
using NewsPlatform.FunctionalTests.Infrastructure;
using Npgsql;

namespace NewsPlatform.FunctionalTests.Articles;

/// <summary>
/// <c>GET /api/articles/search</c> through the gateway: stemming per language, accents ignored, ranking, highlighted
/// snippets that are safe HTML, only what readers may read. Every test searches for a word of its own (a marker) as
/// well, so stories of other tests in the same database never count.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class SearchTests(PlatformFixture platform)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A made-up word that no stemmer changes and no other test uses.</summary>
    private static string Marker() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Select(c => "bcdfghjklmnpqrstvwxz"[c % 20]))[..10];

    private static object Story(string title, string summary, string body, string marker, string language = "en",
        string section = "politics") => new
    {
        title,
        summary,
        body,
        section,
        tags = new[] { marker },
        authors = new[] { "Test Reporter" },
        language,
        noAds = false,
    };

    private async Task<JsonObject> Search(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/articles/search?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadObject();
    }

    private static List<JsonNode> Items(JsonObject page) => [.. page["items"]!.AsArray().Select(i => i!)];

    private static string Q(string words) => "q=" + Uri.EscapeDataString(words);

    [Fact]
    public async Task An_english_story_is_found_by_another_form_of_its_words()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var marker = Marker();
        var (id, _, _) = await Newsroom.Published(editor, Story($"Councillors {marker} approve the harbour plan", "The vote was close.",
            "<p>Fishermen were voting against the new quays.</p>", marker));

        var page = await Search(reader, Q($"{marker} fishermen vote quay"));

        var hit = Assert.Single(Items(page));
        Assert.Equal(id, (Guid)hit["id"]!);
        Assert.Equal("en", (string)hit["language"]!);
        Assert.Equal(1, (long)page["total"]!);
        Assert.Equal(1, (int)page["page"]!);
        Assert.Equal(20, (int)page["pageSize"]!);
        // A list item like the others (slug, title, summary, image, …) plus the snippet.
        Assert.Equal($"Councillors {marker} approve the harbour plan", (string)hit["title"]!);
        Assert.False(hit.AsObject().ContainsKey("body"));
        Assert.True(hit.AsObject().ContainsKey("image"));
        Assert.Contains("<mark>Fishermen</mark>", (string)hit["snippet"]!);
        Assert.Contains("<mark>voting</mark>", (string)hit["snippet"]!);
    }

    [Fact]
    public async Task French_words_match_with_or_without_their_accents_in_their_own_language()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var marker = Marker();
        var (id, _, _) = await Newsroom.Published(editor, Story($"Île Maurice : les élections {marker}", "Les électeurs votent à Port-Louis.",
            "<p>Le scrutin électoral s'est déroulé dans le calme à Curepipe.</p>", marker, language: "fr"));

        foreach (var words in new[] { "elections", "élection", "ELECTION", "ile maurice", "scrutins", "deroule", "électorale" })
        {
            var hit = Assert.Single(Items(await Search(reader, Q($"{marker} {words}"))));
            Assert.Equal(id, (Guid)hit["id"]!);
        }

        Assert.Single(Items(await Search(reader, $"{Q(marker + " élections")}&lang=fr")));
        Assert.Empty(Items(await Search(reader, $"{Q(marker + " élections")}&lang=en")));
        Assert.Single(Items(await Search(reader, $"{Q(marker + " élections")}&section=politics")));
        Assert.Empty(Items(await Search(reader, $"{Q(marker + " élections")}&section=sport")));
        Assert.Empty(Items(await Search(reader, Q($"{marker} referendum"))));
    }

    [Fact]
    public async Task A_title_match_ranks_above_matches_in_the_summary_and_body()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var marker = Marker();
        var (inTitle, _, _) = await Newsroom.Published(editor, Story($"Cyclone {marker} season opens", "Forecasters are ready.",
            "<p>The weather office prepared its warnings.</p>", marker));
        // Newer, and saying "cyclone" more often, but never in its title.
        var (inSummary, _, _) = await Newsroom.Published(editor, Story($"Harbour {marker} news", "A cyclone and another cyclone.",
            "<p>Cyclone warnings, cyclone shelters.</p>", marker));
        var (inBody, _, _) = await Newsroom.Published(editor, Story($"Market {marker} prices", "Vegetables cost more.",
            "<p>Farmers blame the cyclone, the cyclone again, and the cyclones before it.</p>", marker));

        var ids = Items(await Search(reader, Q($"{marker} cyclone"))).Select(i => (Guid)i["id"]!).ToList();

        Assert.Equal([inTitle, inSummary, inBody], ids);
    }

    [Fact]
    public async Task Only_what_readers_may_read_is_found_and_it_follows_every_change()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var marker = Marker();
        await Newsroom.Draft(editor, Story($"Draft {marker} lagoon", "", "<p>Lagoon.</p>", marker));
        var (scheduled, scheduledETag) = await Newsroom.Draft(editor, Story($"Scheduled {marker} lagoon", "", "<p>Lagoon.</p>", marker));
        await Newsroom.Act(editor, scheduled, "publish", scheduledETag, new { at = DateTimeOffset.UtcNow.AddDays(1) });
        var (unpublished, unpublishedETag, _) = await Newsroom.Published(editor, Story($"Unpublished {marker} lagoon", "", "<p>Lagoon.</p>", marker));
        var (retracted, retractedETag, _) = await Newsroom.Published(editor, Story($"Retracted {marker} lagoon", "", "<p>Lagoon.</p>", marker));
        var (revised, revisedETag, _) = await Newsroom.Published(editor, Story($"Revised {marker} lagoon", "", "<p>Lagoon.</p>", marker));

        Assert.Equal(3, (long)(await Search(reader, Q($"{marker} lagoon")))["total"]!);

        Assert.Equal(HttpStatusCode.OK, (await Newsroom.Act(editor, unpublished, "unpublish", unpublishedETag, new { reason = "legal" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Newsroom.Act(editor, retracted, "retract", retractedETag, new { reason = "wrong" })).StatusCode);
        var edit = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/articles/{revised}")
        {
            Content = Api.JsonBody(Story($"Revised {marker} reef", "", "<p>Reef.</p>", marker)),
        }.WithIfMatch(revisedETag));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        // Fresh query strings: the gateway may keep an answer for a few seconds, the search itself is immediate.
        Assert.Equal(0, (long)(await Search(reader, Q($"lagoon {marker}")))["total"]!);
        Assert.Equal([revised], Items(await Search(reader, Q($"reef {marker}"))).Select(i => (Guid)i["id"]!));
    }

    [Fact]
    public async Task A_published_translation_is_found_in_its_language_and_leaves_with_it()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var marker = Marker();
        var (id, _, published) = await Newsroom.Published(editor, Story($"Budget {marker} day", "The minister speaks.",
            "<p>Taxes on imports rise.</p>", marker, section: "business"));
        var bus = platform.Articles.Services.GetRequiredService<IBus>();
        await bus.Publish(new TranslationPublished(id, "fr", $"journee-du-budget-{marker}", $"Journée du budget {marker}",
            "Le ministre parle.", "<p>Les taxes à l'importation augmentent, disent les députés.</p>", 2));

        var page = await Eventually.Until(() => Search(reader, $"{Q($"{marker} députe")}&lang=fr&x={Guid.NewGuid():N}"),
            p => Items(p).Count == 1, Timeout, "the French text in the search");
        var hit = Items(page).Single();
        Assert.Equal(id, (Guid)hit["id"]!);
        Assert.Equal("fr", (string)hit["language"]!);
        Assert.Equal($"journee-du-budget-{marker}", (string)hit["slug"]!);
        Assert.Equal($"Journée du budget {marker}", (string)hit["title"]!);
        Assert.Contains("<mark>députés</mark>", (string)hit["snippet"]!);

        // Without lang both versions match "budget"; with lang=en only the original.
        var both = Items(await Search(reader, Q($"{marker} budget")));
        Assert.Equal(["en", "fr"], both.Select(i => (string)i["language"]!).Order());
        var english = Assert.Single(Items(await Search(reader, $"{Q($"{marker} budget")}&lang=en")));
        Assert.Equal((string)published["slug"]!, (string)english["slug"]!);

        await bus.Publish(new TranslationUnpublished(id, "fr"));
        await Eventually.Until(() => Search(reader, $"{Q($"{marker} budget")}&lang=fr&x={Guid.NewGuid():N}"),
            p => Items(p).Count == 0, Timeout, "the French text leaving the search");
    }

    [Fact]
    public async Task A_snippet_is_escaped_text_whose_only_markup_is_mark()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var marker = Marker();
        await Newsroom.Published(editor, Story($"Code {marker} review", "Summary &amp; \"quotes\" <b>bold</b>.",
            "<p>Someone wrote &lt;script&gt;alert('x')&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; beside the word pirogue.</p>", marker));

        var snippet = (string)Items(await Search(reader, Q($"{marker} pirogue"))).Single()["snippet"]!;

        Assert.Contains("<mark>pirogue</mark>", snippet);
        Assert.DoesNotContain("<script", snippet);
        Assert.DoesNotContain("<img", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.Contains("&quot;quotes&quot;", snippet);
        Assert.All(Tags().Matches(snippet), tag => Assert.True(tag.Value is "<mark>" or "</mark>", tag.Value));
    }

    [Fact]
    public async Task Pages_carry_the_total_and_the_answer_can_be_cached()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var marker = Marker();
        for (var i = 0; i < 3; i++) await Newsroom.Published(editor, Story($"Regatta {marker} day {i}", "", "<p>Sails.</p>", marker));

        var first = await Search(reader, $"{Q(marker)}&pageSize=2");
        var second = await Search(reader, $"{Q(marker)}&pageSize=2&page=2");
        var beyond = await Search(reader, $"{Q(marker)}&pageSize=2&page=3");

        Assert.Equal((2, 3L), (Items(first).Count, (long)first["total"]!));
        Assert.Equal((1, 3L, 2), (Items(second).Count, (long)second["total"]!, (int)second["page"]!));
        Assert.Equal((0, 3L), (Items(beyond).Count, (long)beyond["total"]!));
        Assert.Equal(3, Items(first).Concat(Items(second)).Select(i => (Guid)i["id"]!).Distinct().Count());

        var path = $"/api/articles/search?{Q(marker)}&pageSize=2";
        var answer = await reader.GetAsync(path);
        Assert.True(answer.Headers.CacheControl!.Public);
        var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(answer.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task A_database_that_had_stories_before_the_search_existed_gets_them_indexed_at_start_up()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var marker = Marker();
        var (id, _, _) = await Newsroom.Published(editor, Story($"Older {marker} story", "", "<p>Written before the search.</p>", marker));

        // As an existing installation would be: the articles are there, the search table is not.
        await platform.StopArticlesAsync();
        try
        {
            await using var connection = new NpgsqlConnection(platform.RawConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE articles.search_texts", connection);
            await drop.ExecuteNonQueryAsync();
        }
        finally
        {
            platform.StartArticles();
        }

        var page = await Eventually.Until(() => Search(reader, $"{Q(marker)}&x={Guid.NewGuid():N}"), p => Items(p).Count == 1, Timeout,
            "the older story in the search");
        Assert.Equal(id, (Guid)Items(page).Single()["id"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("q=")]
    [InlineData("q=%20%20%20")]
    [InlineData("q=a&pageSize=101")]
    [InlineData("q=a&page=0")]
    [InlineData("q=a&lang=not%20a%20tag")]
    [InlineData("q=a%00b")]
    public async Task Bad_queries_are_400_problems(string query)
    {
        using var reader = platform.Client();

        var response = await reader.GetAsync($"/api/articles/search?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_query_over_200_characters_is_a_400_on_q_and_any_syntax_is_just_words()
    {
        using var reader = platform.Client();

        var tooLong = await reader.GetAsync($"/api/articles/search?q={new string('a', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.ReadObject())["errors"]!.AsObject().ContainsKey("q"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/articles/search?q={new string('a', 200)}")).StatusCode);

        foreach (var words in new[] { "\"unbalanced -or OR (", "& | ! :*", "'); DROP TABLE x; --", "the", "<mark>" })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/articles/search?{Q(words)}")).StatusCode);
        }
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
