using Marten;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// After PostgreSQL restarts, every pooled connection is dead, and each is found only by failing one use of it. The
/// first failure that says so drops the whole pool of the service's store, so that the next request or the next
/// delivery of a message gets a live connection instead of burning its retries on the dead ones.
/// </summary>
public static class StaleConnections
{
    /// <summary>PostgreSQL or the network went away (as opposed to a bug): the caller may retry.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true } or Npgsql.PostgresException { SqlState: "57P01" }
                or System.Net.Sockets.SocketException or TimeoutException) return true;
        }

        return false;
    }

    /// <summary>
    /// Drops every pooled connection of the store when <paramref name="exception"/> is an outage; true if it was one.
    /// A process without a store (the identity service, on Entity Framework) drops the pools of its connection strings.
    /// </summary>
    public static bool DropAfter(Exception exception, IDocumentStore? store)
    {
        if (!IsOutage(exception)) return false;
        if (store is null) Npgsql.NpgsqlConnection.ClearAllPools();
        else if (store.Storage.Database is Weasel.Postgresql.PostgresqlDatabase database) database.DataSource.Clear();
        return true;
    }
}
