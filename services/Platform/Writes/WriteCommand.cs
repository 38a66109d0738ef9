using Marten;
using Microsoft.AspNetCore.Http;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.Platform.Writes;

/// <summary>What a command needs from the version the caller saw.</summary>
public enum Expectation
{
    /// <summary>
    /// The command rests on what the caller read (an edit, a publish, a translation step, a campaign action): the
    /// caller names that version in <c>If-Match</c> — 428 without, 412 when the stream has moved on, and 412 when
    /// another write commits between our read and our append. Never retried: the caller must look again.
    /// </summary>
    IfMatch,

    /// <summary>
    /// The command means the same whatever the caller saw (moderation, a reader's flag, closing a thread): no
    /// <c>If-Match</c>; when another write commits first, the pipeline decides again on the newer state, a bounded
    /// number of times.
    /// </summary>
    Latest,
}

/// <summary>The session of one attempt, for a decide step that must read or reserve something (a slug) first.</summary>
public sealed record WriteContext(IDocumentSession Session, CancellationToken Cancellation);

/// <summary>The state after a successful command, with the session it was written in (for an answer that reads more).</summary>
public sealed record WriteOutcome<TState>(TState State, long Version, bool Changed, IDocumentSession Session, CancellationToken Cancellation);

/// <summary>One change to one stream, as <see cref="WritePipeline"/> runs it.</summary>
public sealed class WriteCommand<TState> where TState : class
{
    /// <summary>The span's name and how logs call the command: <c>articles.publish</c>, <c>comments.approve</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The aggregate's stream; <see cref="Guid.Empty"/> is no stream and answers 404.</summary>
    public required Guid StreamId { get; init; }

    /// <summary>The 404 detail, when the stream does not exist (or <see cref="Admit"/> hides it).</summary>
    public required string NotFound { get; init; }

    /// <summary>
    /// The state of a stream that does not exist yet, for a command that may start it (a ban of an address never
    /// banned); when absent, a missing stream is 404. Its version must be 0.
    /// </summary>
    public Func<TState>? WhenAbsent { get; init; }

    /// <summary>The aggregate's version, as its ETag shows it.</summary>
    public required Func<TState, long> VersionOf { get; init; }

    public Expectation Expectation { get; init; } = Expectation.IfMatch;

    /// <summary>
    /// With <see cref="Expectation.IfMatch"/>: whether this state needs the header (the first draft of a translation
    /// does not). When it returns false, an <c>If-Match</c> that is sent is still checked.
    /// </summary>
    public Func<TState, bool>? IfMatchRequired { get; init; }

    /// <summary>What the route itself asks of the loaded state before anything else (ownership, visibility, a valid language): a problem, or null.</summary>
    public Func<TState, IResult?>? Admit { get; init; }

    /// <summary>The rules: a pure decider, called again on a retry.</summary>
    public required Func<TState, WriteContext, ValueTask<Decision>> Decide { get; init; }

    /// <summary>The state after the events, folded in memory; when absent, the inline projection is read back after the commit.</summary>
    public Func<TState, IReadOnlyList<object>, TState>? Fold { get; init; }

    /// <summary>The answer after the commit (or after a decision that changed nothing).</summary>
    public required Func<WriteOutcome<TState>, ValueTask<IResult>> Answer { get; init; }
}

/// <summary>
/// What a create produced: the answer, and for a success what to remember under the <c>Idempotency-Key</c>.
/// A <see cref="Refused"/> create saves nothing.
/// </summary>
public sealed record Creation(IResult Result, int Status, string? Location, string? ETag, object? Body)
{
    public bool IsRefused => Body is null;

    public static Creation Refused(IResult problem) => new(problem, 0, null, null, null);

    public static Creation Of(IResult result, int status, object body, string? location = null, string? etag = null) =>
        new(result, status, location, etag, body);
}

/// <summary>A create of a new stream (or several), with an optional <c>Idempotency-Key</c>.</summary>
public sealed class CreateCommand
{
    public required string Name { get; init; }

    /// <summary>Where keys live: the same key on two scopes is two keys (<c>comments:{articleId}</c>).</summary>
    public required string IdempotencyScope { get; init; }

    /// <summary>The request as bound, hashed with the key: the same key for another body is 422.</summary>
    public object? Input { get; init; }

    /// <summary>Checks, decides and starts the stream(s) in the session; the pipeline saves them with the key.</summary>
    public required Func<WriteContext, ValueTask<Creation>> Run { get; init; }
}
