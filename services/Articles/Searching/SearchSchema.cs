using Marten;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Articles.Domain;
using Npgsql;

namespace NewsPlatform.Articles.Searching;

/// <summary>
/// The database side of the search, made at start-up and safe to run again: the <c>unaccent</c> extension, one text
/// search configuration per stemming language that drops accents before stemming (so "election" finds
/// "élections"), the <c>search_texts</c> table with its generated, weighted tsvector (title A, summary B, body C)
/// and a GIN index. A database that had articles before the search existed gets its rows from the articles.
/// Applied with the rest of the schema (<see cref="SchemaChanges"/>): at start-up, or by the schema owner's run.
/// </summary>
public sealed class SearchSchema(SearchDatabase database, IDocumentStore store, ILogger<SearchSchema> logger) : ISchemaPart
{
    /// <summary>The stemming each language gets: PostgreSQL's English and French, and no stemming for the rest.</summary>
    public static string StemmingFor(string language) => language.Split('-')[0].ToLowerInvariant() switch
    {
        "en" => "english",
        "fr" => "french",
        _ => "simple",
    };

    public static readonly string[] Stemmings = ["english", "french", "simple"];

    public static string ConfigFor(string schema, string language) => $"{Quote(schema)}.search_{StemmingFor(language)}";

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public async Task ApplyAsync(CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        var created = await CreateAsync(schema, ct);
        if (created) await BackfillAsync(ct);
    }

    /// <summary>Creates what is missing; true when the table is new (and so may lack the articles already published).</summary>
    private async Task<bool> CreateAsync(string schema, CancellationToken ct)
    {
        var s = Quote(schema);
        var configs = string.Join("\n", Stemmings.Select(stemming => $"""
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
                           WHERE n.nspname = '{schema.Replace("'", "''", StringComparison.Ordinal)}' AND c.cfgname = 'search_{stemming}') THEN
                CREATE TEXT SEARCH CONFIGURATION {s}.search_{stemming} (COPY = pg_catalog.{stemming});
                ALTER TEXT SEARCH CONFIGURATION {s}.search_{stemming}
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {(stemming == "simple" ? "simple" : stemming + "_stem")};
            END IF;
            """));

        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Replicas starting together take turns; CREATE ... IF NOT EXISTS alone still races on the catalog.
        await Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('newsplatform.articles.search-schema'))", ct);
        await Execute(connection, "CREATE EXTENSION IF NOT EXISTS unaccent", ct);
        // CREATE SCHEMA IF NOT EXISTS needs the database's CREATE right even when the schema exists: the schema's
        // owner, who has no such right (docs/decisions/0012), runs this too.
        await using (var schemaExists = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = @schema)", connection))
        {
            schemaExists.Parameters.AddWithValue("schema", schema);
            if (!(bool)(await schemaExists.ExecuteScalarAsync(ct))!) await Execute(connection, $"CREATE SCHEMA {s}", ct);
        }

        await Execute(connection, $"DO $$ BEGIN\n{configs}\nEND $$", ct);

        await using var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        exists.Parameters.AddWithValue("table", $"{s}.{SearchIndex.Table}");
        var existed = (bool)(await exists.ExecuteScalarAsync(ct))!;

        await Execute(connection, $"""
            CREATE TABLE IF NOT EXISTS {s}.{SearchIndex.Table} (
                article_id uuid NOT NULL,
                language text NOT NULL,
                section text NOT NULL,
                published_at timestamptz NOT NULL,
                config regconfig NOT NULL,
                title text NOT NULL,
                summary text NOT NULL,
                body text NOT NULL,
                document tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector(config, title), 'A') ||
                    setweight(to_tsvector(config, summary), 'B') ||
                    setweight(to_tsvector(config, body), 'C')) STORED,
                PRIMARY KEY (article_id, language))
            """, ct);
        await Execute(connection, $"CREATE INDEX IF NOT EXISTS {SearchIndex.Table}_document ON {s}.{SearchIndex.Table} USING gin (document)", ct);
        await transaction.CommitAsync(ct);
        return !existed;
    }

    private async Task BackfillAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var published = await session.Query<Article>().Where(a => a.Status == ArticleStatus.Published).ToListAsync(ct);
        if (published.Count == 0) return;
        foreach (var article in published) SearchIndex.QueueRefresh(session, article.Id, article);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Search: indexed {Count} articles published before the search existed.", published.Count);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// The connection pool the search reads through: the store's own (Marten's sessions speak documents, the search speaks
/// SQL), so that when PostgreSQL restarts, the one clearing of the store's pool (ProblemDetailsSetup) covers it too.
/// </summary>
public sealed class SearchDatabase(IDocumentStore store)
{
    public NpgsqlDataSource DataSource => ((Weasel.Postgresql.PostgresqlDatabase)store.Storage.Database).DataSource;
}
