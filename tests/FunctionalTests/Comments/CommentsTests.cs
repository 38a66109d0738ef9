using System.Net;
using System.Text.Json.Nodes;
using NewsPlatform.Comments;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Comments;

/// <summary>Guest comments and moderation through the gateway, with threads that follow their article over RabbitMQ.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CommentsTests(PlatformFixture platform)
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    private async Task<Guid> PublishedArticleWithThread()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (id, _, _) = await Newsroom.Published(editor, Newsroom.Story("Commented", Newsroom.UniqueTag()));
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{id}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the thread");
        return id;
    }

    private static object Comment(string body = "Bon article.", string? email = null, Guid? parentId = null, string? website = null) => new
    {
        authorName = "Reader",
        authorEmail = email ?? $"{Guid.NewGuid():N}@example.mu",
        body,
        website,
        parentId,
    };

    /// <summary>A comment sent as the gateway sends one to the service: from a trusted proxy, the client's IP as the last X-Forwarded-For hop.</summary>
    private static async Task<HttpStatusCode> PostAsGateway(HttpClient service, Guid articleId, string clientIp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{articleId}/comments") { Content = Api.JsonBody(Comment()) };
        request.Headers.Add("X-Forwarded-For", clientIp);
        return (await service.SendAsync(request)).StatusCode;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Post(HttpClient client, Guid articleId, object comment)
    {
        var response = await client.PostAsync($"/api/articles/{articleId}/comments", Api.JsonBody(comment));
        return (response.StatusCode, await response.ReadObject());
    }

    [Fact]
    public async Task A_guest_comment_is_published_as_plain_text_without_its_email_or_ip()
    {
        var articleId = await PublishedArticleWithThread();
        using var reader = platform.Client();
        var email = $"{Guid.NewGuid():N}@example.mu";

        var (status, body) = await Post(reader, articleId, Comment("<script>alert('x')</script> Merci!", email, website: "https://blog.mu"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("approved", (string)body["status"]!);

        var thread = await reader.GetAsync($"/api/articles/{articleId}/comments");
        var raw = await thread.Content.ReadAsStringAsync();
        Assert.DoesNotContain(email, raw);
        Assert.DoesNotContain("127.0.0.1", raw);
        Assert.DoesNotContain("<script>", raw);
        Assert.Contains("\\u003Cscript\\u003E", raw); // JSON escapes markup characters, so the text cannot become HTML
        var page = JsonNode.Parse(raw)!.AsObject();
        var comment = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal("<script>alert('x')</script> Merci!", (string)comment["body"]!);
        Assert.Equal("https://blog.mu", (string)comment["website"]!);
        Assert.Equal(1, (int)page["total"]!);
        Assert.Null(comment["authorEmail"]);

        // The thread is a reader GET: an ETag of its content, 304 while it is unchanged, a new one after a comment.
        var etag = thread.Headers.ETag!;
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/{articleId}/comments");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Post(reader, articleId, Comment("Second", $"{Guid.NewGuid():N}@example.mu"))).Status);
        var after = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/{articleId}/comments");
        after.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await reader.SendAsync(after)).StatusCode);
    }

    [Fact]
    public async Task A_retried_post_with_the_same_Idempotency_Key_answers_the_first_comment_and_adds_none()
    {
        var articleId = await PublishedArticleWithThread();
        using var reader = platform.Client();
        var comment = Comment("Posted over a flaky mobile connection.");
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{articleId}/comments") { Content = Api.JsonBody(comment) };
            request.Headers.Add("Idempotency-Key", key);
            return await reader.SendAsync(request);
        }

        var first = await Send();
        var again = await Send(); // inside the 30 s per-address limit: a replay, not a 429
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal((string)(await first.ReadObject())["id"]!, (string)(await again.ReadObject())["id"]!);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        var thread = await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject();
        Assert.Equal(1, (int)thread["total"]!);
    }

    [Fact]
    public async Task Replies_nest_up_to_three_deep_and_stay_in_their_thread()
    {
        var articleId = await PublishedArticleWithThread();
        var otherArticle = await PublishedArticleWithThread();
        using var reader = platform.Client();

        var (_, root) = await Post(reader, articleId, Comment("root"));
        var parent = (Guid)root["id"]!;
        for (var depth = 1; depth <= 3; depth++)
        {
            var (status, reply) = await Post(reader, articleId, Comment($"depth {depth}", parentId: parent));
            Assert.Equal(HttpStatusCode.Accepted, status);
            parent = (Guid)reply["id"]!;
        }

        var (tooDeep, problem) = await Post(reader, articleId, Comment("depth 4", parentId: parent));
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("parentId"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(reader, otherArticle, Comment("elsewhere", parentId: (Guid)root["id"]!))).Status);

        var page = await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject();
        var top = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal("depth 3", (string)top["replies"]![0]!["replies"]![0]!["replies"]![0]!["body"]!);
        Assert.Equal(4, (int)page["total"]!);
    }

    [Fact]
    public async Task Bad_posts_are_400_and_unknown_or_unpublished_articles_404()
    {
        var articleId = await PublishedArticleWithThread();
        using var reader = platform.Client();
        var (status, problem) = await Post(reader, articleId, new { authorName = "", authorEmail = "not-an-email", body = new string('x', 5001), website = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        foreach (var field in new[] { "authorName", "authorEmail", "body", "website" })
        {
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), field);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Post(reader, Guid.CreateVersion7(), Comment())).Status);
        using var editor = platform.Client("editor");
        var (draft, _) = await Newsroom.Draft(editor);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(reader, draft, Comment())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/{draft}/comments")).StatusCode);
    }

    [Fact]
    public async Task One_comment_per_30_seconds_per_email_answers_429_with_Retry_After()
    {
        var articleId = await PublishedArticleWithThread();
        using var reader = platform.Client();
        var email = $"{Guid.NewGuid():N}@example.mu";
        Assert.Equal(HttpStatusCode.Accepted, (await Post(reader, articleId, Comment("first", email))).Status);

        var again = await reader.PostAsync($"/api/articles/{articleId}/comments", Api.JsonBody(Comment("second", email)));
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.InRange(again.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 30);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_per_IP_limit_counts_the_IP_the_gateway_reports()
    {
        var articleId = await PublishedArticleWithThread();
        await using var strictComments = platform.StartService<CommentsApp>(new Dictionary<string, string?>
        {
            ["Comments:RateLimits:CommentsPerMinutePerIp"] = "2",
        });
        // As the gateway calls the service: from a trusted proxy, with the client's IP as the last X-Forwarded-For hop.
        using var asGateway = new HttpClient { BaseAddress = strictComments.Address };
        var client = $"198.51.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";
        Task<HttpStatusCode> PostFrom(string ip) => PostAsGateway(asGateway, articleId, ip);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests],
            [await PostFrom(client), await PostFrom(client), await PostFrom(client)]);
        Assert.Equal(HttpStatusCode.Accepted, await PostFrom($"10.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(0, 255)}.1"));
    }

    [Fact]
    public async Task A_per_IP_limit_of_0_is_no_limit_and_a_negative_one_stops_the_start()
    {
        var articleId = await PublishedArticleWithThread();
        await using var unlimited = platform.StartService<CommentsApp>(new Dictionary<string, string?>
        {
            ["Comments:RateLimits:CommentsPerMinutePerIp"] = "0",
        });
        using var asGateway = new HttpClient { BaseAddress = unlimited.Address };
        var client = $"198.51.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) answers.Add(await PostAsGateway(asGateway, articleId, client));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], answers);

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync<CommentsApp>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = platform.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = TestEnvironment.RabbitMq,
            ["Auth:SigningKey"] = TestEnvironment.SigningKey,
            ["Messaging:QueueSuffix"] = $"{PlatformFixture.RunId}-refused", // should it start after all, it takes none of the run's messages
            ["Comments:RateLimits:CommentsPerMinutePerIp"] = "-1",
        }, TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("CommentsPerMinutePerIp", output);
    }

    [Fact]
    public async Task A_client_cannot_choose_its_own_IP_through_the_gateway()
    {
        var articleId = await PublishedArticleWithThread();
        using var reader = platform.Client();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{articleId}/comments") { Content = Api.JsonBody(Comment("spoof")) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        var id = (Guid)(await (await reader.SendAsync(request)).ReadObject())["id"]!;

        using var moderator = platform.Client("moderator");
        await moderator.PutAsync($"/api/articles/{articleId}/comments/settings", Api.JsonBody(new { mode = "post" }));
        var approved = await (await moderator.GetAsync("/api/comments/moderation?status=approved&pageSize=100&page=1")).ReadObject();
        var total = (int)approved["total"]!;
        var last = await (await moderator.GetAsync($"/api/comments/moderation?status=approved&pageSize=100&page={(total + 99) / 100}")).ReadObject();
        var mine = last["items"]!.AsArray().Single(c => (Guid)c!["id"]! == id)!;
        Assert.Equal("127.0.0.1", (string)mine["ip"]!);
    }

    [Fact]
    public async Task Pre_moderation_holds_comments_with_their_reason_and_approval_publishes_and_counts_them()
    {
        var articleId = await PublishedArticleWithThread();
        using var moderator = platform.Client("moderator");
        using var reader = platform.Client();
        var settings = await moderator.PutAsync($"/api/articles/{articleId}/comments/settings", Api.JsonBody(new { mode = "pre" }));
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);

        var email = $"{Guid.NewGuid():N}@example.mu";
        var (_, posted) = await Post(reader, articleId, Comment("Waiting for a moderator", email));
        Assert.Equal("pending", (string)posted["status"]!);
        var id = (Guid)posted["id"]!;
        Assert.Equal(0, (int)(await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject())["total"]!);

        var queue = await (await moderator.GetAsync("/api/comments/moderation?status=pending&pageSize=100")).ReadObject();
        var held = queue["items"]!.AsArray().Single(c => (Guid)c!["id"]! == id)!;
        Assert.Equal(email, (string)held["authorEmail"]!);
        Assert.Equal("first comment from this e-mail", (string)held["reason"]!);

        Assert.Equal("approved", (string)(await (await moderator.PostAsync($"/api/comments/{id}/approve", null)).ReadObject())["status"]!);
        var page = await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject();
        Assert.Equal(1, (int)page["total"]!);

        // The count reaches the articles service as CommentCountChanged, through the relay and RabbitMQ.
        await Eventually.Until(async () => (int)(await (await reader.GetAsync($"/api/articles/{articleId}")).ReadObject())["commentCount"]!,
            n => n == 1, MessageTimeout, "the comment count on the article");

        var spam = await (await moderator.PostAsync($"/api/comments/{id}/spam", null)).ReadObject();
        Assert.Equal("spam", (string)spam["status"]!);
        await Eventually.Until(async () => (int)(await (await reader.GetAsync($"/api/articles/{articleId}")).ReadObject())["commentCount"]!,
            n => n == 0, MessageTimeout, "the count going down");
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_moderation_needs_the_role()
    {
        var articleId = await PublishedArticleWithThread();
        using var reader = platform.Client();
        using var moderator = platform.Client("moderator");
        using var editor = platform.Client("editor");
        var (_, posted) = await Post(reader, articleId, Comment("To reject"));
        var id = (Guid)posted["id"]!;

        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.PostAsync($"/api/comments/{id}/reject", Api.JsonBody(new { reason = "" }))).StatusCode);
        var rejected = await moderator.PostAsync($"/api/comments/{id}/reject", Api.JsonBody(new { reason = "Off topic" }));
        Assert.Equal("rejected", (string)(await rejected.ReadObject())["status"]!);
        Assert.Empty((await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject())["items"]!.AsArray());

        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.PostAsync($"/api/comments/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync($"/api/comments/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/api/comments/moderation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.PostAsync($"/api/comments/{Guid.CreateVersion7()}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.GetAsync("/api/comments/moderation?status=nonsense")).StatusCode);
    }

    [Fact]
    public async Task Three_flags_from_different_IPs_put_a_comment_back_in_the_queue()
    {
        var articleId = await PublishedArticleWithThread();
        using var reader = platform.Client();
        var (_, posted) = await Post(reader, articleId, Comment("Flag me"));
        var id = (Guid)posted["id"]!;

        Assert.Equal(HttpStatusCode.BadRequest, (await reader.PostAsync($"/api/comments/{id}/flag", Api.JsonBody(new { reason = "boring" }))).StatusCode);
        // The same reader flagging three times counts once.
        for (var i = 0; i < 3; i++) await reader.PostAsync($"/api/comments/{id}/flag", Api.JsonBody(new { reason = "offensive" }));
        Assert.Single((await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject())["items"]!.AsArray());

        // Two more readers, as the gateway reports them to the service (X-Forwarded-For from a trusted proxy).
        using var asGateway = new HttpClient { BaseAddress = platform.Comments.Address };
        foreach (var ip in new[] { "198.51.100.7", "198.51.100.8" })
        {
            var flag = new HttpRequestMessage(HttpMethod.Post, $"/api/comments/{id}/flag") { Content = Api.JsonBody(new { reason = "abusive" }) };
            flag.Headers.Add("X-Forwarded-For", ip);
            Assert.Equal(HttpStatusCode.Accepted, (await asGateway.SendAsync(flag)).StatusCode);
        }

        Assert.Empty((await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject())["items"]!.AsArray());
        using var moderator = platform.Client("moderator");
        var queue = await (await moderator.GetAsync("/api/comments/moderation?status=pending&pageSize=100")).ReadObject();
        var back = queue["items"]!.AsArray().Single(c => (Guid)c!["id"]! == id)!;
        Assert.StartsWith("flagged by 3 readers", (string)back["reason"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PostAsync($"/api/comments/{id}/flag", Api.JsonBody(new { reason = "spam" }))).StatusCode);
    }

    [Fact]
    public async Task A_banned_email_leaves_public_reads_and_cannot_comment()
    {
        var articleId = await PublishedArticleWithThread();
        using var reader = platform.Client();
        using var moderator = platform.Client("moderator");
        var email = $"{Guid.NewGuid():N}@example.mu";
        await Post(reader, articleId, Comment("Before the ban", email));

        var ban = await moderator.PostAsync("/api/comments/bans", Api.JsonBody(new { email = email.ToUpperInvariant() }));
        Assert.Equal(HttpStatusCode.Created, ban.StatusCode);
        Assert.Equal(1, (int)(await ban.ReadObject())["hiddenComments"]!);
        Assert.Empty((await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject())["items"]!.AsArray());

        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = await reader.PostAsync($"/api/articles/{articleId}/comments", Api.JsonBody(Comment("After the ban", email)));
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.DeleteAsync($"/api/comments/bans/{Uri.EscapeDataString(email)}")).StatusCode);
    }

    [Fact]
    public async Task Threads_close_by_hand_and_with_their_article_over_RabbitMQ()
    {
        using var editor = platform.Client("editor");
        using var moderator = platform.Client("moderator");
        using var reader = platform.Client();
        var (articleId, etag, _) = await Newsroom.Published(editor, Newsroom.Story("Closing", Newsroom.UniqueTag()));
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{articleId}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the thread");

        Assert.False((bool)(await (await moderator.PostAsync($"/api/articles/{articleId}/comments/close", null)).ReadObject())["open"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await Post(reader, articleId, Comment("closed?"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/articles/{articleId}/comments")).StatusCode); // still readable
        Assert.True((bool)(await (await editor.PostAsync($"/api/articles/{articleId}/comments/reopen", null)).ReadObject())["open"]!);
        Assert.Equal(HttpStatusCode.Accepted, (await Post(reader, articleId, Comment("open again"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.PostAsync($"/api/articles/{articleId}/comments/close", null)).StatusCode);

        await Newsroom.Act(editor, articleId, "retract", etag, new { reason = "Wrong story" });
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{articleId}/comments"), r => r.StatusCode == HttpStatusCode.NotFound,
            MessageTimeout, "the thread closing with its article");
        Assert.Equal(HttpStatusCode.NotFound, (await Post(reader, articleId, Comment("gone?"))).Status);
    }
}
