using System.Net;
using System.Net.Http.Headers;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Foundation;

/// <summary>Bad requests are answered with problem details through the gateway, and store nothing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BadRequestsTests(PlatformFixture platform)
{
    [Fact]
    public async Task Malformed_json_is_400_and_stores_nothing()
    {
        using var editor = platform.Client("editor");
        var before = await EventCount();

        var response = await editor.PostAsync("/api/articles", Api.RawJson("{\"title\": \"unterminated"));

        await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task Invalid_fields_are_400_with_errors_per_field()
    {
        using var editor = platform.Client("editor");
        var before = await EventCount();

        var response = await editor.PostAsync("/api/articles", Api.JsonBody(new { title = "", section = "astrology", language = "de" }));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("title"));
        Assert.True(errors.ContainsKey("section"));
        Assert.True(errors.ContainsKey("language"));
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_its_field_and_no_dotnet_type()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var before = await EventCount();

        var response = await editor.PostAsync("/api/articles", Api.RawJson("{\"title\": 5, \"tags\": \"x\"}"));
        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("title ", (string)problem["errors"]!["title"]![0]!);
        Assert.DoesNotContain("NewsPlatform", problem.ToJsonString());

        var notAnObject = await AssertProblem(await editor.PostAsync("/api/articles", Api.RawJson("[1]")), HttpStatusCode.BadRequest);
        Assert.DoesNotContain("NewsPlatform", notAnObject.ToJsonString());

        using var moderator = platform.Client("moderator");
        var noBody = await AssertProblem(await moderator.PostAsync($"/api/comments/{Guid.CreateVersion7()}/reject", null), HttpStatusCode.BadRequest);
        Assert.Equal("Body required", (string)noBody["title"]!);

        var page = await AssertProblem(await reader.GetAsync("/api/articles?page=abc"), HttpStatusCode.BadRequest);
        Assert.Equal("page must be a whole number.", (string)page["errors"]!["page"]![0]!);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task A_NUL_character_in_a_body_or_query_is_400_on_its_field_not_a_database_failure()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (articleId, _, _) = await Newsroom.Published(editor, Newsroom.Story("NUL comments", Newsroom.UniqueTag()));
        var before = await EventCount();

        var title = await AssertProblem(await editor.PostAsync("/api/articles", Api.RawJson(
            "{\"title\": \"a\\u0000b\", \"summary\": \"s\", \"body\": \"<p>b</p>\", \"section\": \"local\", \"tags\": [\"x\"], \"authors\": [\"A\"], \"language\": \"en\"}")),
            HttpStatusCode.BadRequest);
        Assert.True(title["errors"]!.AsObject().ContainsKey("title"));

        var comment = await AssertProblem(await reader.PostAsync($"/api/articles/{articleId}/comments", Api.RawJson(
            "{\"authorName\": \"Ana\", \"authorEmail\": \"ana@example.mu\", \"body\": \"hi\\u0000\"}")), HttpStatusCode.BadRequest);
        Assert.True(comment["errors"]!.AsObject().ContainsKey("body"));

        foreach (var query in new[] { "/api/articles?tag=a%00b", "/api/articles?lang=%00", "/api/articles?section=%00" })
        {
            var problem = await AssertProblem(await reader.GetAsync(query), HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]);
        }

        Assert.Equal(before, await EventCount()); // nothing else
    }

    [Fact]
    public async Task A_missing_token_is_401_and_stores_nothing()
    {
        using var anonymous = platform.Client();
        var before = await EventCount();

        var response = await anonymous.PostAsync("/api/articles", Api.JsonBody(Api.SampleArticle()));

        await AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task A_forged_token_is_401()
    {
        using var forged = platform.Client();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Tokens.For("editor")[..^4] + "AAAA");

        var response = await forged.PostAsync("/api/articles", Api.JsonBody(Api.SampleArticle()));

        await AssertProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_role_is_403_and_stores_nothing()
    {
        using var moderator = platform.Client("moderator");
        var before = await EventCount();

        var response = await moderator.PostAsync("/api/articles", Api.JsonBody(Api.SampleArticle()));

        await AssertProblem(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var editor = platform.Client("editor");
        var response = await editor.PostAsync("/api/articles", new StringContent("title=x", System.Text.Encoding.UTF8, "text/plain"));
        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_256_KiB_is_413()
    {
        using var editor = platform.Client("editor");
        var response = await editor.PostAsync("/api/articles", Api.JsonBody(new { title = "Big", body = new string('x', 300 * 1024) }));
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_unknown_route_is_404_problem()
    {
        using var reader = platform.Client();
        await AssertProblem(await reader.GetAsync("/api/articles/not-a-route/at/all"), HttpStatusCode.NotFound);
        // Every other path is the reader site's (CONTRACT.md), which answers with its own 404 page; the API's own
        // prefixes never fall through to it.
        await AssertProblem(await reader.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
        await AssertProblem(await reader.GetAsync("/health/nothing-here"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Publishing_without_If_Match_is_428_and_with_a_stale_one_412()
    {
        using var editor = platform.Client("editor");
        var (id, _) = await Newsroom.Draft(editor);

        var missing = await editor.PostAsync($"/api/articles/{id}/publish", Api.JsonBody(new { at = (DateTimeOffset?)null }));
        await AssertProblem(missing, HttpStatusCode.PreconditionRequired);

        var stale = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{id}/publish")
        {
            Content = Api.JsonBody(new { at = (DateTimeOffset?)null }),
        }.WithIfMatch("\"41\""));
        await AssertProblem(stale, HttpStatusCode.PreconditionFailed);

        using var reader = platform.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/{id}")).StatusCode);
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
        Assert.DoesNotContain("   at ", problem.ToJsonString());
        return problem;
    }

    private async Task<long> EventCount()
    {
        var store = platform.Articles.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }
}
