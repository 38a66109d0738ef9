using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.Gateway.Caching;
using NewsPlatform.Gateway.Pages;

namespace NewsPlatform.UnitTests.Gateway;

/// <summary>
/// The shared parts of a page (docs/decisions/0024, 0028): a page read in the last quarter of its entry's life is
/// served from the entry at once and composed again behind its reader, once however many read it meanwhile.
/// </summary>
public sealed class SharedPagePartsTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly SharedPageParts parts;
    private int compositions;
    private TaskCompletionSource? hold;

    public SharedPagePartsTests()
    {
        var store = new ServiceCollection().AddOptions().AddOutputCache().BuildServiceProvider().GetRequiredService<IOutputCacheStore>();
        var versions = new ReadModelVersions((_, _) => Task.FromResult<string?>("7"), TimeSpan.Zero);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:ReaderCacheDuration"] = Duration.ToString() })
            .Build();
        parts = new SharedPageParts(store, versions, new ReaderRequests(), configuration, clock, NullLogger<SharedPageParts>.Instance);
    }

    private async Task<SharedPageParts.Composition> ComposeAsync()
    {
        var number = Interlocked.Increment(ref compositions);
        if (hold is { } waiting) await waiting.Task;
        return SharedPageParts.Composition.Of(new JsonObject { ["composition"] = number });
    }

    private async Task<int> ReadAsync()
    {
        var request = new DefaultHttpContext().Request;
        request.Path = "/api/pages/article/a-story";
        var composed = await parts.GetOrComposeAsync(request, ["articles"], ComposeAsync, CancellationToken.None);
        return JsonNode.Parse(composed.Parts!)!["composition"]!.GetValue<int>();
    }

    [Fact]
    public async Task A_page_late_in_its_life_is_served_at_once_and_composed_again_once_behind_its_readers()
    {
        Assert.Equal(1, await ReadAsync());
        clock.Advance(Duration * 0.7);
        Assert.Equal(1, await ReadAsync());
        Assert.Equal(1, compositions); // early in its life: a plain hit

        clock.Advance(Duration * 0.1);
        hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The new composition waits for `hold`: a reader who waited for it would time out here.
        Assert.Equal(1, await ReadAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await ReadAsync()); // still the old entry while the new one is made
        Assert.Equal(2, compositions); // one composition for both readers

        hold.SetResult();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var read = 1;
        while (read == 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
            read = await ReadAsync();
        }

        Assert.Equal(2, read);
        Assert.Equal(2, compositions);
    }
}
