using Microsoft.Data.Sqlite;

namespace PerfJudge.Storage;

/// <summary>SQLite result store (default: <c>.perfjudge/results.db</c>): runners' replies by content key
/// (documents) and recorded runs. WAL journal: every committed reply survives the process being killed.</summary>
public sealed class SqliteResultStore : IResultStore
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly string _path;

    /// <summary>Opens (and creates when missing) the store at <paramref name="path"/>.</summary>
    /// <exception cref="StoreException">The file is not a readable store (corrupt, truncated, not SQLite, no access).</exception>
    public SqliteResultStore(string path)
    {
        _path = path;
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            _connection.Open();
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
            Migrate();
            // A truncated file opens and even answers some queries; the quick check reads every page once.
            if (ExecuteScalar("PRAGMA quick_check;") is string check && check != "ok")
            {
                throw new StoreException(StoreException.Describe(path, check));
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            _connection?.Dispose();
            throw new StoreException(StoreException.Describe(path, ex.Message), ex);
        }
    }

    /// <summary>The schema, step by step; the version reached is kept in <c>PRAGMA user_version</c>.
    /// Version 1 is the schema of stores written before versions were recorded (hence IF NOT EXISTS).</summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, json TEXT NOT NULL, " +
            "stored_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));" +
            "CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, started_utc TEXT NOT NULL, suite TEXT NOT NULL, " +
            "models INTEGER NOT NULL, samples INTEGER NOT NULL, json TEXT NOT NULL);"),
        new(2, "ALTER TABLE runs ADD COLUMN shard_group TEXT; ALTER TABLE runs ADD COLUMN shard_index INTEGER NOT NULL DEFAULT 0;" +
            "ALTER TABLE runs ADD COLUMN shard_count INTEGER NOT NULL DEFAULT 0;" +
            "CREATE INDEX IF NOT EXISTS runs_shard_group ON runs(shard_group, shard_index);"),
    ];

    /// <summary>The schema version of the open store.</summary>
    public int SchemaVersion
    {
        get
        {
            lock (_gate)
            {
                return ReadVersion(null);
            }
        }
    }

    private int ReadVersion(SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Migrate()
    {
        // BEGIN IMMEDIATE takes the write lock first, so two processes opening a new store at once
        // apply each step once: the second one sees the version the first one reached.
        using var transaction = _connection.BeginTransaction(deferred: false);
        var version = ReadVersion(transaction);
        foreach (var step in Migrations.Where(m => m.Version > version))
        {
            Execute(step.Sql, transaction);
            Execute($"PRAGMA user_version = {step.Version}", transaction);
        }
        transaction.Commit();
    }

    /// <inheritdoc />
    public string? GetDocument(string key)
    {
        lock (_gate)
        {
            return Guarded(() =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT json FROM documents WHERE key = $key";
                command.Parameters.AddWithValue("$key", key);
                return command.ExecuteScalar() as string;
            });
        }
    }

    /// <inheritdoc />
    public void PutDocument(string key, string json)
    {
        lock (_gate)
        {
            Guarded(() =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "INSERT OR REPLACE INTO documents(key, json) VALUES ($key, $json)";
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.AddWithValue("$json", json);
                return command.ExecuteNonQuery();
            });
        }
    }

    /// <inheritdoc />
    public void PutRun(StoredRun run, string json)
    {
        lock (_gate)
        {
            Guarded(() =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "INSERT OR REPLACE INTO runs(id, started_utc, suite, models, samples, json, shard_group, shard_index, shard_count) " +
                    "VALUES ($id, $started, $suite, $models, $samples, $json, $group, $index, $count)";
                command.Parameters.AddWithValue("$group", (object?)run.ShardGroup ?? DBNull.Value);
                command.Parameters.AddWithValue("$index", run.ShardIndex);
                command.Parameters.AddWithValue("$count", run.ShardCount);
                command.Parameters.AddWithValue("$id", run.Id);
                command.Parameters.AddWithValue("$started", run.StartedUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$suite", run.Suite);
                command.Parameters.AddWithValue("$models", run.Models);
                command.Parameters.AddWithValue("$samples", run.Samples);
                command.Parameters.AddWithValue("$json", json);
                return command.ExecuteNonQuery();
            });
        }
    }

    /// <inheritdoc />
    public string? GetRun(string? id)
    {
        lock (_gate)
        {
            return Guarded(() =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = id is null
                    ? "SELECT json FROM runs ORDER BY started_utc DESC, id DESC LIMIT 1"
                    : "SELECT json FROM runs WHERE id = $id";
                command.Parameters.AddWithValue("$id", (object?)id ?? DBNull.Value);
                return command.ExecuteScalar() as string;
            });
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredRun> ListRuns()
    {
        var runs = new List<StoredRun>();
        lock (_gate)
        {
            Guarded(() =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT id, started_utc, suite, models, samples, shard_group, shard_index, shard_count FROM runs ORDER BY started_utc DESC, id DESC";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    runs.Add(new StoredRun(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                        reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.GetInt32(6), reader.GetInt32(7)));
                }
                return runs.Count;
            });
        }
        return runs;
    }

    /// <summary>Runs a store operation; SQLite failures (a file corrupted or truncated after it was
    /// opened, a full disk) become a <see cref="StoreException"/> naming the file.</summary>
    private T Guarded<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SqliteException ex)
        {
            throw new StoreException(StoreException.Describe(_path, ex.Message), ex);
        }
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? ExecuteScalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
    }
}
