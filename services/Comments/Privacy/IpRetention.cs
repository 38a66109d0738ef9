using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Platform.Hosting;
using Npgsql;

namespace NewsPlatform.Comments.Privacy;

/// <summary>
/// Masks the IPs kept with comments once they are older than <see cref="PrivacyOptions.IpRetention"/>
/// (docs/decisions/0007): the poster's IP in <see cref="CommentPosted"/>, each flagger's in <see cref="CommentFlagged"/>,
/// and both in the comment projection. Ages are read from the events' own times, which come from the service's
/// clock, so a test that holds the clock holds this job too. Every step is idempotent, and the projections are
/// masked before the events, so a run that stops half-way is finished by the next one.
/// </summary>
public sealed class IpRetention(IDocumentStore store, ISessionFactory sessions, IOptions<PrivacyOptions> options, TimeProvider clock,
    ILogger<IpRetention> logger) : PeriodicWork(logger, options.Value.IpMaskingInterval, clock)
{
    private const int Batch = 500;

    protected override Task RunOnceAsync(CancellationToken ct) => MaskExpiredAsync(ct);

    /// <summary>Masks every IP past its retention; answers how many stored events it masked.</summary>
    public async Task<int> MaskExpiredAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var cutoff = now - options.Value.IpRetention;

        // 1. The projections: comments posted before the cutoff, and comments flagged before it.
        while (true)
        {
            IReadOnlyList<Guid> due;
            await using (var query = sessions.QuerySession())
            {
                due = await query.Query<Comment>().Where(c => c.CreatedAt < cutoff && c.Ip != PersonalData.MaskedIp)
                    .OrderBy(c => c.CreatedAt).Select(c => c.Id).Take(Batch).ToListAsync(ct);
            }

            await MaskCommentsAsync(due, now, ct);
            if (due.Count < Batch) break;
        }

        IReadOnlyList<Guid> flagged;
        await using (var query = sessions.QuerySession())
        {
            flagged = (await query.Events.QueryRawEventDataOnly<CommentFlagged>()
                    .Where(f => f.At < cutoff && f.Ip != PersonalData.MaskedIp).ToListAsync(ct))
                .Select(f => f.CommentId).Distinct().ToList();
        }

        await MaskCommentsAsync(flagged, now, ct);

        // 2. The events, in place: only the IP changes, so what each comment said and when stays in the history.
        var masked = await MaskEventsAsync(cutoff, ct);
        if (masked > 0) logger.LogInformation("Masked the IP of {Count} comment events older than {Cutoff}", masked, cutoff);
        return masked;
    }

    private async Task MaskCommentsAsync(IReadOnlyList<Guid> commentIds, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var id in commentIds)
        {
            await CommentWrites.ChangeAsync(sessions, id, c => CommentDecider.Decide(c, new MaskCommentIps(id, PosterIp: true, now)),
                _ => TypedResults.Ok(), ct);
        }
    }

    private async Task<int> MaskEventsAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var style = store.Options.Events.EventNamingStyle;
        var types = new[] { typeof(CommentPosted), typeof(CommentFlagged) }.Select(t => t.GetEventTypeName(style)).ToArray();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        const string ip = nameof(CommentPosted.Ip), at = nameof(CommentPosted.At);
        await using var command = new NpgsqlCommand($"""
            update {store.Options.Events.DatabaseSchemaName}.mt_events
               set data = jsonb_set(data, array['{ip}'], to_jsonb(@masked::text))
             where type = any(@types)
               and data ->> '{ip}' <> @masked
               and (data ->> '{at}')::timestamptz < @cutoff
            """, connection);
        command.Parameters.AddWithValue("masked", PersonalData.MaskedIp);
        command.Parameters.AddWithValue("types", types);
        command.Parameters.AddWithValue("cutoff", cutoff);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
