using JasperFx;
using Weasel.Core;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPlatform.Platform.Messaging;

namespace NewsPlatform.Platform.EventStore;

public static class EventStoreExtensions
{
    private static readonly Dictionary<string, string> ApiPrefixes = new() { ["advertising"] = "/api/ads" };

    /// <summary>
    /// Marten on the service's own schema: events carry correlation id, causation id and headers
    /// (the W3C trace context and the actor); a commit that appended events wakes the async daemon from outside its
    /// transaction (<see cref="DaemonWakeup"/>, docs/decisions/0008), which runs in HotCold mode so that several
    /// replicas can run and only one relays; the schema is applied at start-up, or by a separate run as the schema's
    /// owner (<see cref="SchemaChanges"/>, docs/decisions/0021).
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddPlatformEventStore(
        this IHostApplicationBuilder builder, string schema, Action<StoreOptions> configure)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");
        var schemaChanges = SchemaChanges.ModeOf(builder.Configuration);

        builder.Services.AddHttpContextAccessor();
        // The public API prefix of the service's history routes: /api/articles, /api/comments, …
        builder.Configuration["Service:ApiPrefix"] ??= ApiPrefixes.GetValueOrDefault(schema, $"/api/{schema}");
        // EventStore:WakeOtherProcesses=false keeps the wake-up in this process (one replica, no other writer).
        var wakeOthers = builder.Configuration.GetValue("EventStore:WakeOtherProcesses", true);
        var wakeInterval = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("EventStore:WakeupMinimumIntervalMs",
            DaemonWakeup.DefaultMinimumInterval.TotalMilliseconds));
        builder.Services.AddSingleton(sp => new DaemonWakeup(connectionString, schema, wakeOthers,
            sp.GetRequiredService<ILogger<DaemonWakeup>>(), wakeInterval));
        var marten = builder.Services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                // A pooled connection goes back as it came out (the store keeps no session state on it: locks are
                // per transaction), so returning one costs no DISCARD ALL round trip. With a connection per
                // operation that was a third of every statement PostgreSQL ran (pg_stat_statements, docs/decisions/0008).
                options.Connection(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString);
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                // Not UseListenNotifyForEventAppends: its NOTIFY inside every append serialises all commits behind
                // PostgreSQL's global notify lock. The wake-up comes after the commit instead.
                var wakeup = sp.GetRequiredService<DaemonWakeup>();
                options.Projections.Wakeup = wakeup;
                // HotCold: each replica tries the leader's advisory lock this often. A killed leader's lock goes with its
                // connection at once, so this is how long the relay and the projections wait for a survivor (Marten's
                // default is 5 s; the chaos run asks for the work to move within 10 s, start-up of the agents included).
                options.Projections.LeadershipPollingTime = builder.Configuration.GetValue("EventStore:LeadershipPollingMs", 2000);
                options.Listeners.Add(new WakeDaemonAfterCommit(wakeup));
                // A service that runs as a rows-only role (Never) must not try: its schema was applied before it started.
                options.AutoCreateSchemaObjects = schemaChanges == SchemaChangeMode.Never ? AutoCreate.None : AutoCreate.CreateOrUpdate;
                // Enums as their names, so LINQ filters on them; the HTTP layer has its own JSON options.
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                options.Schema.For<ProcessedMessage>();
                options.Schema.For<Http.IdempotentResponse>();
                configure(options);
                return options;
            })
            .UseLightweightSessions()
            .BuildSessionsWith<TracedSessionFactory>(ServiceLifetime.Singleton)
            .AddAsyncDaemon(DaemonMode.HotCold);
        if (schemaChanges == SchemaChangeMode.OnStartup) marten.ApplyAllDatabaseChangesOnStartup();

        builder.Services.AddSingleton<ProjectionRebuilds>();
        builder.Services.AddHealthChecks()
            .AddNpgSql(connectionString, name: "postgresql", tags: ["ready"])
            .AddCheck<ProjectionLagHealthCheck>("projection-lag", tags: ["ready"]);
        return marten;
    }
}
