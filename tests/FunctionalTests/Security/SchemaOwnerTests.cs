using System.Net;
using NewsPlatform.Articles;
using NewsPlatform.FunctionalTests.Infrastructure;
using Npgsql;

namespace NewsPlatform.FunctionalTests.Security;

/// <summary>
/// Schema changes run under their own role (issue 12, docs/decisions/0021): the service's code, run once as the
/// schema's owner, makes its tables and exits; the service then runs as a role that reads and writes rows and
/// cannot change a table. The roles and grants are made by the same SQL as <c>./platform up</c>'s.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SchemaOwnerTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_service_runs_as_a_role_that_writes_rows_after_its_owner_applied_the_schema_and_cannot_change_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var world = await RolesWorld.CreateAsync($"np_test_{PlatformFixture.RunId}_schema_{suffix}", $"articles_{suffix}", $"articles_schema_{suffix}");

        // The schema run, as ./platform up makes it: a process that applies the schema as the owner and exits 0 — twice,
        // since every `up` runs it again.
        for (var run = 0; run < 2; run++)
        {
            var (exitCode, output) = await ServiceProcess.RunUntilExitAsync<ArticlesApp>(world.SettingsFor(world.Owner, "ApplyAndExit"), TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, output);
        }

        // The service as the rows role: it writes, publishes (its search table included) and reads.
        await using var articles = platform.StartService<ArticlesApp>(world.SettingsFor(world.Rows, "Never"));
        using var editor = new HttpClient { BaseAddress = articles.Address };
        editor.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.For("editor"));
        var tag = Newsroom.UniqueTag();
        var (id, _, published) = await Newsroom.Published(editor, Newsroom.Story($"Least privilege {tag}", tag));
        Assert.Equal("published", (string)published["status"]!);
        var found = await (await editor.GetAsync($"/api/articles/search?q={tag}&lang=en")).ReadObject();
        Assert.Equal(id, (Guid)found["items"]![0]!["id"]!);

        // …and cannot change the schema it writes to.
        await using var rows = await world.OpenAsAsync(world.Rows);
        foreach (var ddl in new[] { "CREATE TABLE articles.intruder (id int)", "DROP TABLE articles.mt_events", "ALTER TABLE articles.mt_events ADD COLUMN x int" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var command = new NpgsqlCommand(ddl.Replace("articles.", $"\"{world.Schema}\".", StringComparison.Ordinal), rows);
                await command.ExecuteNonQueryAsync();
            });
            Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{ddl}: {refused.SqlState} {refused.MessageText}");
        }
    }

    /// <summary>A database with the two roles of one service, provisioned by scripts/postgres/service-schema.sql.</summary>
    private sealed class RolesWorld : IAsyncDisposable
    {
        private RolesWorld(string database, string rows, string owner) => (Database, Rows, Owner) = (database, rows, owner);

        public string Database { get; }

        public string Rows { get; }

        public string Owner { get; }

        /// <summary>The articles service's schema name: its code names its schema, so the roles change, not the schema.</summary>
        public string Schema => "articles";

        public static async Task<RolesWorld> CreateAsync(string database, string rows, string owner)
        {
            var world = new RolesWorld(database, rows, owner);
            await world.AsSuperuser("postgres", $"""
                CREATE DATABASE "{database}";
                CREATE ROLE "{rows}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
                CREATE ROLE "{owner}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
                """);
            var script = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot(), "scripts", "postgres", "service-schema.sql"));
            await world.AsSuperuser(database, $"""
                REVOKE ALL ON DATABASE "{database}" FROM PUBLIC;
                REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                CREATE EXTENSION IF NOT EXISTS unaccent;
                {script.Replace("{{database}}", database).Replace("{{schema}}", world.Schema).Replace("{{owner}}", owner).Replace("{{rows}}", rows)}
                """);
            return world;
        }

        public Dictionary<string, string?> SettingsFor(string role, string schemaChanges) => new()
        {
            ["ConnectionStrings:Postgres"] = ConnectionFor(role),
            ["ConnectionStrings:RabbitMq"] = TestEnvironment.RabbitMq,
            ["Auth:SigningKey"] = TestEnvironment.SigningKey,
            ["Database:SchemaChanges"] = schemaChanges,
            // Its own queues: this replica's store is another database, so it must take none of the run's messages.
            ["Messaging:QueueSuffix"] = $"{PlatformFixture.RunId}-{Rows}",
        };

        public async Task<NpgsqlConnection> OpenAsAsync(string role)
        {
            var connection = new NpgsqlConnection(ConnectionFor(role));
            await connection.OpenAsync();
            return connection;
        }

        private string ConnectionFor(string role) =>
            new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = Database, Username = role, Pooling = false }.ConnectionString;

        private async Task AsSuperuser(string database, string sql)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = database, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await AsSuperuser("postgres", $"""
                DROP DATABASE IF EXISTS "{Database}" WITH (FORCE);
                DROP ROLE IF EXISTS "{Rows}";
                DROP ROLE IF EXISTS "{Owner}";
                """);
        }
    }
}
