using System.Diagnostics;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Telemetry;

namespace NewsPlatform.Platform.Writes;

/// <summary>
/// The one way every service writes (docs/decisions/0011): load the aggregate → 404 when absent → what the route
/// admits → <c>If-Match</c> where the command rests on what the caller saw (428/412) → the pure decider (409 with
/// its reason) → append at the version read → commit → the new ETag. One span per command, named after it.
/// A command that does not depend on what the caller saw is decided again when another write commits first, at
/// most <see cref="MaxAttempts"/> times with a jittered pause; one that does answers 412 instead.
/// Creates go through <see cref="CreateAsync"/>, the one place that honours <c>Idempotency-Key</c>.
/// </summary>
public static class WritePipeline
{
    /// <summary>Attempts for a <see cref="Expectation.Latest"/> command, and for a reservation (slug) taken by a racing write.</summary>
    public const int MaxAttempts = 5;

    public const string StreamIdTag = "newsplatform.stream_id";
    public const string AttemptsTag = "newsplatform.attempts";
    public const string OutcomeTag = "newsplatform.outcome";

    public static async Task<IResult> ExecuteAsync<TState>(ISessionFactory sessions, HttpRequest? http, WriteCommand<TState> command,
        CancellationToken ct) where TState : class
    {
        // Started before the session opens, so the appended events carry this span as their trace parent.
        using var activity = TelemetryExtensions.Source.StartActivity(command.Name);
        activity?.SetTag(StreamIdTag, command.StreamId);

        // No stream has the empty id (Marten refuses it): a route given one answers as for any unknown id.
        if (command.StreamId == Guid.Empty) return Finish(activity, 0, "not_found", Problems.NotFound(command.NotFound));

        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            var stream = await session.Events.FetchForWriting<TState>(command.StreamId, ct);
            if ((stream.Aggregate ?? command.WhenAbsent?.Invoke()) is not { } before) return Finish(activity, attempt, "not_found", Problems.NotFound(command.NotFound));
            if (command.Admit?.Invoke(before) is { } refused) return Finish(activity, attempt, "refused", refused);

            var version = command.VersionOf(before);
            if (command.Expectation == Expectation.IfMatch)
            {
                // Only a request can name what its caller saw; work in the background uses Latest.
                if (http is null) throw new InvalidOperationException($"{command.Name} expects If-Match and needs its request.");
                if ((command.IfMatchRequired?.Invoke(before) ?? true) || http.Headers.IfMatch.Count > 0)
                {
                    if (!http.TryGetExpectedVersion(out var expected, out var precondition)) return Finish(activity, attempt, "precondition", precondition!);
                    if (expected != version) return Finish(activity, attempt, "precondition", Problems.PreconditionFailed());
                }
            }

            var decision = await command.Decide(before, new WriteContext(session, ct));
            if (decision.IsRejected) return Finish(activity, attempt, "rejected", Problems.Conflict(decision.Rejection!));
            if (decision.Events.Count == 0)
            {
                return Finish(activity, attempt, "unchanged", await Answer(command, before, version, changed: false, session, ct));
            }

            stream.AppendMany(decision.Events);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (ConcurrencyException) when (command.Expectation == Expectation.IfMatch)
            {
                // Another write committed after our read: the version the caller named is gone.
                return Finish(activity, attempt, "precondition", Problems.PreconditionFailed());
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
                await PauseAsync(attempt, ct);
                continue;
            }
            catch (ConcurrencyException)
            {
                return Finish(activity, attempt, "contended",
                    Problems.Conflict("The resource kept changing while this request was applied; try again."));
            }
            catch (DocumentAlreadyExistsException) when (attempt < MaxAttempts)
            {
                // Something the decision reserved (a slug) was taken by a racing write: look and decide again.
                continue;
            }

            var newVersion = version + decision.Events.Count;
            TState after;
            if (command.Fold is { } fold) after = fold(before, decision.Events);
            else after = await session.LoadAsync<TState>(command.StreamId, ct) ?? before;
            return Finish(activity, attempt, "committed", await Answer(command, after, newVersion, changed: true, session, ct));
        }
    }

    /// <summary>
    /// A create: the <c>Idempotency-Key</c> (scoped to the caller, with the body's hash) is replayed when known,
    /// else <see cref="CreateCommand.Run"/> decides and the key is saved in the same transaction as what it created.
    /// A racing duplicate of the same key answers as the first did.
    /// </summary>
    public static async Task<IResult> CreateAsync(ISessionFactory sessions, HttpRequest http, CreateCommand command, CancellationToken ct)
    {
        using var activity = TelemetryExtensions.Source.StartActivity(command.Name);
        var key = Idempotency.KeyFor(http, http.HttpContext.User, command.IdempotencyScope, command.Input, out var keyProblem);
        if (keyProblem is not null) return Finish(activity, 0, "refused", keyProblem);

        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            if (await Idempotency.ReplayAsync(session, key, ct) is { } replay) return Finish(activity, attempt, "replayed", replay);

            var creation = await command.Run(new WriteContext(session, ct));
            if (creation.IsRefused) return Finish(activity, attempt, "refused", creation.Result);

            Idempotency.Remember(session, key, creation.Status, creation.Location, creation.ETag, creation.Body!);
            try
            {
                await session.SaveChangesAsync(ct);
                return Finish(activity, attempt, "committed", creation.Result);
            }
            catch (DocumentAlreadyExistsException) when (attempt < MaxAttempts)
            {
                // The same key committed by a racing request (the next attempt replays it), or a reservation taken.
            }
            catch (DocumentAlreadyExistsException) when (key is not null)
            {
                await using var query = sessions.QuerySession();
                return Finish(activity, attempt, "replayed",
                    await Idempotency.ReplayAsync(query, key, ct) ?? Problems.Conflict("Please retry the request."));
            }
        }
    }

    private static async ValueTask<IResult> Answer<TState>(WriteCommand<TState> command, TState state, long version,
        bool changed, IDocumentSession session, CancellationToken ct) where TState : class
    {
        var answer = await command.Answer(new WriteOutcome<TState>(state, version, changed, session, ct));
        // Every successful write carries the version it left (CONTRACT: success returns the new ETag).
        return answer.WithHeaders(("ETag", Versioning.ETag(version)));
    }

    private static IResult Finish(Activity? activity, int attempts, string outcome, IResult result)
    {
        activity?.SetTag(AttemptsTag, attempts);
        activity?.SetTag(OutcomeTag, outcome);
        return result;
    }

    /// <summary>A short, growing, jittered pause, so that writers that collided do not collide again in step.</summary>
    private static Task PauseAsync(int attempt, CancellationToken ct) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10) * attempt), ct);
}
