using Npgsql;

namespace PerfJudge.Storage;

/// <summary>The PostgreSQL store's versioned schema: each step applied once, in order, recorded in
/// <c>schema_migrations</c>. Shards that open a new store at the same moment serialize on an advisory
/// lock, so each step runs exactly once.</summary>
public static class PostgresSchema
{
    // An arbitrary constant naming PerfJudge's migration lock among the database's advisory locks.
    private const long LockId = 0x5065_7266_4A75_6467;

    /// <summary>The steps, in order.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "CREATE TABLE documents (key text PRIMARY KEY, json text NOT NULL, stored_utc timestamptz NOT NULL DEFAULT now());" +
            "CREATE TABLE runs (id text PRIMARY KEY, started_utc timestamptz NOT NULL, suite text NOT NULL, models integer NOT NULL, " +
            "samples integer NOT NULL, json text NOT NULL);"),
        new(2, "ALTER TABLE runs ADD COLUMN shard_group text, ADD COLUMN shard_index integer NOT NULL DEFAULT 0, " +
            "ADD COLUMN shard_count integer NOT NULL DEFAULT 0; CREATE INDEX runs_shard_group ON runs(shard_group, shard_index);"),
    ];

    /// <summary>Applies the steps the database lacks, each in one transaction with its record.</summary>
    public static void Migrate(NpgsqlDataSource source)
    {
        using var connection = source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({LockId})");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, " +
            "applied_utc timestamptz NOT NULL DEFAULT now())");
        using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection, transaction);
        var version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var step in Migrations.Where(m => m.Version > version))
        {
            Execute(connection, transaction, step.Sql);
            using var record = new NpgsqlCommand("INSERT INTO schema_migrations(version) VALUES ($1)", connection, transaction);
            record.Parameters.AddWithValue(step.Version);
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>The version the database is at.</summary>
    public static int Version(NpgsqlDataSource source)
    {
        using var command = source.CreateCommand("SELECT coalesce(max(version), 0) FROM schema_migrations");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
