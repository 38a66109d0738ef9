using Marten;
using Microsoft.AspNetCore.Http;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Writes;

namespace NewsPlatform.UnitTests.Platform;

public sealed class WritePipelineTests
{
    private sealed record Thing(Guid Id, long Version);

    /// <summary>A session factory that must not be used: the empty id is answered before any session opens.</summary>
    private sealed class NoSessions : ISessionFactory
    {
        public IQuerySession QuerySession() => throw new InvalidOperationException("No session expected.");

        public IDocumentSession OpenSession() => throw new InvalidOperationException("No session expected.");
    }

    private static WriteCommand<Thing> Command(Guid id, Expectation expectation) => new()
    {
        Name = "tests.thing",
        StreamId = id,
        NotFound = $"No thing {id}.",
        VersionOf = t => t.Version,
        Expectation = expectation,
        Decide = (_, _) => ValueTask.FromResult(Decision.Nothing),
        Answer = _ => ValueTask.FromResult<IResult>(TypedResults.Ok()),
    };

    [Theory]
    [InlineData(Expectation.IfMatch)]
    [InlineData(Expectation.Latest)]
    public async Task The_empty_id_is_404_without_touching_the_store(Expectation expectation)
    {
        var http = new DefaultHttpContext().Request;
        var result = await WritePipeline.ExecuteAsync(new NoSessions(), http, Command(Guid.Empty, expectation), CancellationToken.None);
        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }
}
