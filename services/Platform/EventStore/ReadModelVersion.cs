using System.Globalization;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// How many transactions changed this service's read models, as one number that its readers' caches key their
/// entries by (docs/decisions/0024). Every transaction that appends events or writes documents adds one to a row of
/// <see cref="TableName"/>, in the same transaction, as its last statement; <c>GET /read-model/version</c> answers
/// the sum of the rows. One statement sees one snapshot and later snapshots contain earlier ones, so two equal sums
/// mean the same committed changes: an answer read after the version was taken contains every change the version
/// counts, and a change committed since gives a different version. The rows are shards so that concurrent commits
/// seldom wait for each other's row lock.
/// </summary>
public static class ReadModelVersion
{
    public const string TableName = "np_read_model_changes";
    public const string Route = "/read-model/version";
    private const int Shards = 64;

    /// <summary>Counts this store's committed changes (the services whose answers readers' caches keep).</summary>
    public static StoreOptions TrackReadModelVersion(this StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<int>("shard").AsPrimaryKey();
        table.AddColumn<long>("changes").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(table);
        options.Listeners.Add(new CountChanges($"{options.DatabaseSchemaName}.{TableName}"));
        return options;
    }

    /// <summary><c>GET /read-model/version</c>: for the gateway, on the service's own port only (the gateway routes no such path).</summary>
    public static IEndpointRouteBuilder MapReadModelVersion(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, async (IDocumentStore store, CancellationToken ct) =>
        {
            // Asked for on every batch of cache hits: not worth a trace (issue 11: hits create no span).
            using var quiet = SuppressInstrumentationScope.Begin();
            await using var session = store.QuerySession();
            var schema = store.Options.DatabaseSchemaName; // where TrackReadModelVersion made the table
            var sum = await session.QueryAsync<long>($"select coalesce(sum(changes), 0)::bigint from {schema}.{TableName}", ct);
            return TypedResults.Text(sum[0].ToString(CultureInfo.InvariantCulture));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Adds the count to every unit of work that changes something readers may read, as its last statement: in the
    /// same round trip as Marten's batch, and the row lock is taken only just before the commit.
    /// </summary>
    private sealed class CountChanges(string table) : DocumentSessionListenerBase
    {
        private readonly string _bump =
            $"insert into {table} (shard, changes) values (?, 1) on conflict (shard) do update set changes = {table}.changes + 1";

        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (Changes(session.PendingChanges)) session.QueueSqlCommand(_bump, Random.Shared.Next(Shards));
            return Task.CompletedTask;
        }

        /// <summary>Events, or documents other than the inbox's and the idempotency keys' bookkeeping.</summary>
        private static bool Changes(IUnitOfWork pending) =>
            pending.Streams().Count > 0
            || pending.Operations().Any(o => o.DocumentType != typeof(Messaging.ProcessedMessage) && o.DocumentType != typeof(Http.IdempotentResponse));
    }
}
