using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.Comments;
using NewsPlatform.Comments.Privacy;
using NewsPlatform.FunctionalTests.Infrastructure;
using Npgsql;

namespace NewsPlatform.FunctionalTests.Comments;

/// <summary>
/// A commenter's personal data (CONTRACT.md, Comments; docs/decisions/0007): erased on request from every table of
/// the comments schema, their comments out of the threads with the counts following, IPs masked after their
/// retention, and never a name, e-mail or IP in the analyst export.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ErasureTests(PlatformFixture platform)
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Someone who comments: every piece of their personal data is unique, so a search of raw rows finds only theirs.</summary>
    private sealed record Person(string Name, string Email, string Website, string Ip, string BodyToken)
    {
        public static Person New()
        {
            var token = Guid.NewGuid().ToString("N");
            return new Person($"Name{token[..10]}", $"Erase.{token}@Example.mu", $"https://site-{token[..10]}.mu/",
                $"192.0.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}", $"said{token[10..22]}");
        }

        public string[] Traces => [Name, Email, Website, Ip, BodyToken];

        public object Comment(string body, Guid? parentId = null) =>
            new { authorName = Name, authorEmail = Email, website = Website, body = $"{body} {BodyToken}", parentId };
    }

    private async Task<(Guid Id, string Tag)> PublishedArticleWithThread()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var tag = Newsroom.UniqueTag();
        var (id, _, _) = await Newsroom.Published(editor, Newsroom.Story("Commented, then forgotten", tag));
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the thread");
        return (id, tag);
    }

    /// <summary>As the gateway calls the comments service for a reader: from a trusted proxy, with the reader's IP.</summary>
    private static async Task<JsonObject> SendAs(Uri service, string ip, string path, object body, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        using var asGateway = new HttpClient { BaseAddress = service };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Api.JsonBody(body) };
        request.Headers.Add("X-Forwarded-For", ip);
        var response = await asGateway.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return await response.ReadObject();
    }

    private Task<JsonObject> PostAs(Person person, Guid articleId, string body, Guid? parentId = null) =>
        SendAs(platform.Comments.Address, person.Ip, $"/api/articles/{articleId}/comments", person.Comment(body, parentId));

    /// <summary>The tables of the comments schema (events, streams, projections, progress, dead letters…) whose raw rows contain the text.</summary>
    private async Task<List<string>> TablesContaining(string text)
    {
        await using var connection = new NpgsqlConnection(platform.RawConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
                         "select table_name from information_schema.tables where table_schema = 'comments' and table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        Assert.Contains("mt_events", tables);
        Assert.Contains("mt_doc_comment", tables);
        var found = new List<string>();
        foreach (var table in tables)
        {
            // The whole value, not a part of a longer one: 192.0.5.1 must not be found in another reader's 192.0.5.17.
            await using var search = new NpgsqlCommand($"select count(*) from comments.\"{table}\" t where row_to_json(t)::text ~* @pattern", connection);
            search.Parameters.AddWithValue("pattern", $"(^|[^0-9A-Za-z.]){System.Text.RegularExpressions.Regex.Escape(text)}([^0-9A-Za-z.]|$)");
            if ((long)(await search.ExecuteScalarAsync())! > 0) found.Add(table);
        }

        return found;
    }

    private async Task<string> ExportText()
    {
        using var analyst = platform.Client("analyst");
        var export = await analyst.GetAsync("/api/comments/events?limit=1000000");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        return await export.Content.ReadAsStringAsync();
    }

    private static void AssertNoPersonalData(string export)
    {
        foreach (var line in export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["data"]!.AsObject()))
        {
            foreach (var field in new[] { "authorName", "authorEmail", "ip", "email" })
            {
                if (line[field] is { } value) Assert.Equal("[masked]", (string)value!);
            }

            if (line["website"] is { } website) Assert.Equal("[masked]", (string)website!);
        }
    }

    private async Task<int> CommentCountOnTheList(HttpClient reader, string tag) =>
        (int)(await (await reader.GetAsync($"/api/articles?tag={tag}")).ReadObject())["items"]![0]!["commentCount"]!;

    [Fact]
    public async Task An_erased_commenter_leaves_every_table_the_threads_the_counts_and_the_export()
    {
        var (articleId, tag) = await PublishedArticleWithThread();
        using var reader = platform.Client();
        using var admin = platform.Client("admin");
        var person = Person.New();
        var other = Person.New();
        var answerer = Person.New();

        var otherRoot = (Guid)(await PostAs(other, articleId, "Another reader's view."))["id"]!;
        var answered = (Guid)(await PostAs(person, articleId, "A comment others answered."))["id"]!;
        await PostAs(answerer, articleId, "An answer that stays.", answered);
        // One comment per e-mail per 30 s on the platform: the person's other comments go through a replica without that limit.
        await using var lenient = platform.StartService<CommentsApp>(new Dictionary<string, string?> { ["Comments:RateLimits:SecondsBetweenCommentsPerEmail"] = "0" });
        await SendAs(lenient.Address, person.Ip, $"/api/articles/{articleId}/comments", person.Comment("A reply to someone else.", otherRoot));
        await SendAs(lenient.Address, person.Ip, $"/api/articles/{articleId}/comments", person.Comment("A comment nobody answered."));
        await SendAs(lenient.Address, person.Ip, $"/api/comments/{otherRoot}/flag", new { reason = "other" });

        var before = await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject();
        Assert.Equal(5, (int)before["total"]!);
        await Eventually.Until(() => CommentCountOnTheList(reader, tag), n => n == 5, MessageTimeout, "the count before");
        foreach (var trace in person.Traces) Assert.NotEmpty(await TablesContaining(trace));

        // The export never carries a name, an e-mail, a website or an IP, before the erasure as after it.
        var exportBefore = await ExportText();
        AssertNoPersonalData(exportBefore);
        foreach (var trace in new[] { person.Name, person.Email, person.Website, person.Ip, other.Email }) Assert.DoesNotContain(trace, exportBefore, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(person.BodyToken, exportBefore);

        var erased = await admin.PostAsync("/api/comments/erasure", Api.JsonBody(new { email = $"  {person.Email.ToUpperInvariant()} " }));
        Assert.Equal(HttpStatusCode.Accepted, erased.StatusCode);
        var done = await erased.ReadObject();
        Assert.Equal(3, (int)done["comments"]!);
        Assert.Equal(1, (int)done["flags"]!);

        // Every trace of the person is gone from every table of the schema; the other reader's are all there.
        foreach (var trace in person.Traces) Assert.Empty(await TablesContaining(trace));
        Assert.Contains("mt_events", await TablesContaining(other.Email));
        Assert.Contains("mt_doc_comment", await TablesContaining(other.Email));
        Assert.Contains("mt_doc_comment", await TablesContaining(other.Ip)); // the comment they flagged keeps its poster's IP
        Assert.Contains("mt_doc_comment", await TablesContaining(answerer.Name));

        // Their comments leave the thread; the one with an answer stays as a placeholder, so the answer keeps its place.
        var thread = await reader.GetAsync($"/api/articles/{articleId}/comments");
        var raw = await thread.Content.ReadAsStringAsync();
        foreach (var trace in person.Traces) Assert.DoesNotContain(trace, raw, StringComparison.OrdinalIgnoreCase);
        var after = JsonNode.Parse(raw)!.AsObject();
        Assert.Equal(2, (int)after["total"]!);
        var items = after["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var first = items.Single(i => (Guid)i!["id"]! == otherRoot)!;
        Assert.Empty(first["replies"]!.AsArray());
        var placeholder = items.Single(i => (Guid)i!["id"]! == answered)!;
        Assert.Equal("[deleted]", (string)placeholder["authorName"]!);
        Assert.Equal("[deleted]", (string)placeholder["body"]!);
        Assert.Null(placeholder["website"]);
        Assert.Equal($"An answer that stays. {answerer.BodyToken}", (string)Assert.Single(placeholder["replies"]!.AsArray())!["body"]!);

        // The count follows on the article list, through CommentCountChanged and RabbitMQ.
        await Eventually.Until(() => CommentCountOnTheList(reader, tag), n => n == 2, MessageTimeout, "the count after the erasure");

        var exportAfter = await ExportText();
        AssertNoPersonalData(exportAfter);
        Assert.DoesNotContain(person.BodyToken, exportAfter);
        Assert.Contains("\"type\":\"comment_erased\"", exportAfter);

        // Idempotent: asked again, nothing is left to erase, and the answer is the same 202.
        var again = await admin.PostAsync("/api/comments/erasure", Api.JsonBody(new { email = person.Email }));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(0, (int)(await again.ReadObject())["comments"]!);

        // An erased comment stays erased: moderation cannot bring it back.
        using var moderator = platform.Client("moderator");
        Assert.Equal(HttpStatusCode.Conflict, (await moderator.PostAsync($"/api/comments/{answered}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task A_banned_commenter_who_is_erased_stays_banned_without_their_address()
    {
        var (articleId, _) = await PublishedArticleWithThread();
        using var admin = platform.Client("admin");
        using var moderator = platform.Client("moderator");
        var person = Person.New();
        await PostAs(person, articleId, "Before the ban.");
        Assert.Equal(HttpStatusCode.Created, (await moderator.PostAsync("/api/comments/bans", Api.JsonBody(new { email = person.Email }))).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/comments/erasure", Api.JsonBody(new { email = person.Email }))).StatusCode);
        foreach (var trace in person.Traces) Assert.Empty(await TablesContaining(trace));
        AssertNoPersonalData(await ExportText());

        await Task.Delay(TimeSpan.FromSeconds(1));
        using var reader = platform.Client();
        var refused = await reader.PostAsync($"/api/articles/{articleId}/comments", Api.JsonBody(person.Comment("After the erasure.")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Erasure_is_for_admins_and_needs_an_address_but_an_unknown_one_is_accepted()
    {
        using var anonymous = platform.Client();
        using var moderator = platform.Client("moderator");
        using var analyst = platform.Client("analyst");
        using var admin = platform.Client("admin");
        var body = new { email = $"{Guid.NewGuid():N}@example.mu" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/comments/erasure", Api.JsonBody(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostAsync("/api/comments/erasure", Api.JsonBody(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/comments/erasure", Api.JsonBody(body))).StatusCode);

        foreach (var bad in new[] { "{}", "{\"email\":\"\"}", "{\"email\":\"not an address\"}", "{\"email\":\"@example.mu\"}", "{\"email\":42}", "{", "null" })
        {
            var response = await admin.PostAsync("/api/comments/erasure", Api.RawJson(bad));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        var unknown = await admin.PostAsync("/api/comments/erasure", Api.JsonBody(body));
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(0, (int)(await unknown.ReadObject())["comments"]!);
    }

    [Fact]
    public async Task IPs_are_masked_once_older_than_the_retention_and_newer_ones_are_kept()
    {
        var (articleId, _) = await PublishedArticleWithThread();
        // A replica whose clock the test holds: comments are dated by it, and its retention job reads it.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var replica = platform.StartService<CommentsApp>(services: s => s.AddSingleton<TimeProvider>(clock));
        var retention = replica.Services.GetRequiredService<IpRetention>();
        var old = Person.New();
        var recent = Person.New();
        var flagger = Person.New();

        var oldComment = (Guid)(await SendAs(replica.Address, old.Ip, $"/api/articles/{articleId}/comments", old.Comment("Posted on day 0.")))["id"]!;
        clock.Advance(TimeSpan.FromDays(20));
        await SendAs(replica.Address, recent.Ip, $"/api/articles/{articleId}/comments", recent.Comment("Posted on day 20."));
        await SendAs(replica.Address, flagger.Ip, $"/api/comments/{oldComment}/flag", new { reason = "spam" });

        // Day 31: the first comment's IP is past 30 days; the second comment's and the flag's are 11 days old.
        clock.Advance(TimeSpan.FromDays(11));
        await retention.MaskExpiredAsync(CancellationToken.None);
        Assert.Empty(await TablesContaining(old.Ip));
        Assert.Contains("mt_events", await TablesContaining(recent.Ip));
        Assert.Contains("mt_doc_comment", await TablesContaining(recent.Ip));
        Assert.Contains("mt_events", await TablesContaining(flagger.Ip)); // the flag event keeps its IP until its own 30 days
        Assert.Contains("mt_events", await TablesContaining(old.Email)); // only the IP goes: the rest stays until an erasure
        Assert.Contains("mt_doc_comment", await TablesContaining(old.BodyToken));

        // Day 51: everything is past its time.
        clock.Advance(TimeSpan.FromDays(20));
        await retention.MaskExpiredAsync(CancellationToken.None);
        Assert.Empty(await TablesContaining(recent.Ip));
        Assert.Empty(await TablesContaining(flagger.Ip));
        Assert.Equal(0, await retention.MaskExpiredAsync(CancellationToken.None)); // nothing left: a run changes nothing twice
    }
}
