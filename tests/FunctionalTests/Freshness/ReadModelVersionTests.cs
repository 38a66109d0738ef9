using System.Globalization;
using System.Net;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Freshness;

/// <summary>
/// What the gateway's cache keys are made of (docs/decisions/0024): a service's read-model version moves with every
/// committed change, by the time the write's answer has left, and not with reads; the gateway routes no way to it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReadModelVersionTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_committed_change_moves_the_version_before_its_answer_leaves_and_a_read_does_not()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        using var articles = new HttpClient { BaseAddress = platform.Articles.Address };
        var tag = Newsroom.UniqueTag();

        var before = await Version(articles);
        var (id, _, _) = await Newsroom.Published(editor, Newsroom.Story($"Versioned {tag}", tag));
        var published = await Version(articles);
        Assert.True(published > before, $"{before} -> {published}");

        // Reads change nothing. Other tests' writes and the services' own consumers may, so look for a quiet moment.
        await Eventually.Until(async () =>
        {
            var start = await Version(articles);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/articles/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/articles?pageSize=5")).StatusCode);
            return (start, end: await Version(articles));
        }, v => v.start == v.end, TimeSpan.FromSeconds(20), "two reads between two equal versions");
    }

    [Fact]
    public async Task The_gateway_does_not_route_to_the_version()
    {
        using var reader = platform.Client();
        var answer = await reader.GetAsync(NewsPlatform.Platform.EventStore.ReadModelVersion.Route);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode); // the site's page for an unknown address
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<long> Version(HttpClient service)
    {
        var answer = await service.GetAsync(NewsPlatform.Platform.EventStore.ReadModelVersion.Route);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return long.Parse(await answer.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture);
    }
}
