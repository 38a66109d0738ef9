using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Articles.Domain;
using NewsPlatform.FunctionalTests.Infrastructure;
using NewsPlatform.Platform.EventStore;

namespace NewsPlatform.FunctionalTests.History;

/// <summary>
/// A rebuild folds a page of streams per transaction (docs/decisions/0009): whatever the page size, it yields the
/// documents the inline projection wrote, and readers get a document all along.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ProjectionRebuildTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_rebuild_in_many_pages_yields_the_same_documents_while_readers_are_served()
    {
        using var editor = platform.Client("editor");
        var tag = Newsroom.UniqueTag();
        var ids = new List<Guid>();
        for (var i = 0; i < 18; i++)
        {
            // Drafts (one event) and published stories (several), so streams of different lengths share pages.
            ids.Add(i % 3 == 0
                ? (await Newsroom.Published(editor, Newsroom.Story($"Paged rebuild {i}", tag))).Id
                : (await Newsroom.Draft(editor, Newsroom.Story($"Paged rebuild {i}", tag))).Id);
        }

        var store = platform.Articles.Services.GetRequiredService<IDocumentStore>();
        var written = await DocumentsAsync(store, ids);
        Assert.Equal(ids.Count, written.Count);

        // Damage every one behind the service's back: only the replay can repair them.
        await using (var session = store.LightweightSession())
        {
            foreach (var id in ids)
            {
                var stored = await session.LoadAsync<Article>(id);
                session.Store(stored! with { Title = "Damaged" });
            }

            await session.SaveChangesAsync();
        }

        // Readers through the gateway, from before the rebuild starts until after it ends.
        using var stop = new CancellationTokenSource();
        var answers = new ConcurrentBag<(HttpStatusCode Status, string? Title, Guid Id)>();
        var readers = ids.Take(3).Select(id => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await editor.GetAsync($"/api/articles/{id}");
                var title = response.IsSuccessStatusCode ? (string?)(await response.ReadObject())["title"] : null;
                answers.Add((response.StatusCode, title, id));
            }
        })).ToArray();
        await Eventually.Until(() => Task.FromResult(answers.Count), n => n >= 3, TimeSpan.FromSeconds(10), "the first reads");

        var rebuilds = ActivatorUtilities.CreateInstance<ProjectionRebuilds>(platform.Articles.Services);
        rebuilds.StreamsPerPage = 4; // many pages, many transactions
        var report = await rebuilds.RebuildStreamsAsync<Article>("Article", CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(answers.Count(a => a.Title != "Damaged")), n => n >= 3, TimeSpan.FromSeconds(10),
            "reads after the rebuild");
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.True(report.Streams >= ids.Count, $"{report.Streams} streams folded");
        Assert.True(report.Documents >= ids.Count, $"{report.Documents} documents written");
        Assert.Equal(written, await DocumentsAsync(store, ids));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Contains(a.Title, new[] { "Damaged", written[a.Id].Title }));
    }

    private static async Task<Dictionary<Guid, (string Title, string Json)>> DocumentsAsync(IDocumentStore store, IEnumerable<Guid> ids)
    {
        await using var query = store.QuerySession();
        var documents = await query.LoadManyAsync<Article>(ids);
        return documents.ToDictionary(d => d.Id, d => (d.Title, JsonSerializer.Serialize(d)));
    }
}
