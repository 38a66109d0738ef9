using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace NewsPlatform.Identity.Data;

/// <summary>
/// Creates the <c>identity</c> schema's tables at start-up when they are missing (docs/decisions/0013). Not
/// <c>EnsureCreated</c>: that skips everything as soon as the database holds any table, and this database holds the
/// event-sourced services' schemas. An advisory lock keeps two replicas starting together from both creating.
/// </summary>
public static class DatabaseSetup
{
    private const long AdvisoryLockKey = 0x1D_E7_17_13;

    public static async Task CreateTablesWhenMissingAsync(IdentityDb db, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
            {
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var exists = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = @schema AND table_name = 'AspNetUsers')",
                connection);
            exists.Parameters.AddWithValue("schema", IdentityDb.Schema);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                var creator = db.GetService<IRelationalDatabaseCreator>();
                await creator.CreateTablesAsync(cancellationToken);
            }
        }
        finally
        {
            await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection))
            {
                await release.ExecuteNonQueryAsync(cancellationToken);
            }

            await db.Database.CloseConnectionAsync();
        }
    }
}
