using Microsoft.Data.Sqlite;
using PerfJudge.Judging;

namespace PerfJudge.Storage;

/// <summary>SQLite result store (default: <c>.perfjudge/results.db</c>). WAL journal: every
/// committed result survives the process being killed.</summary>
public sealed class SqliteResultStore : IResultStore
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly Lock _gate = new();

    /// <summary>Opens (and creates when missing) the store at <paramref name="path"/>.</summary>
    public SqliteResultStore(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS executions (
              key TEXT PRIMARY KEY,
              verdict TEXT NOT NULL,
              detail TEXT,
              isolation TEXT NOT NULL,
              cpu_s REAL NOT NULL,
              max_rss_kb INTEGER NOT NULL,
              wall_s REAL NOT NULL,
              stored_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
            """);
        Execute("CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, json TEXT NOT NULL, " +
            "stored_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));");
        Execute("CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, started_utc TEXT NOT NULL, suite TEXT NOT NULL, " +
            "models INTEGER NOT NULL, samples INTEGER NOT NULL, json TEXT NOT NULL);");
        _insert = _connection.CreateCommand();
        _insert.CommandText = """
            INSERT OR REPLACE INTO executions(key, verdict, detail, isolation, cpu_s, max_rss_kb, wall_s)
            VALUES ($key, $verdict, $detail, $isolation, $cpu, $rss, $wall)
            """;
        foreach (var name in new[] { "$key", "$verdict", "$detail", "$isolation", "$cpu", "$rss", "$wall" })
        {
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ExecutionResult> Lookup(IReadOnlyCollection<string> keys)
    {
        var found = new Dictionary<string, ExecutionResult>(StringComparer.Ordinal);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT verdict, detail, isolation, cpu_s, max_rss_kb, wall_s FROM executions WHERE key = $key";
            var parameter = command.Parameters.Add(new SqliteParameter { ParameterName = "$key" });
            foreach (var key in keys)
            {
                parameter.Value = key;
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    found[key] = new ExecutionResult(VerdictNames.Parse(reader.GetString(0)),
                        reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                        reader.GetDouble(3), reader.GetInt64(4), reader.GetDouble(5));
                }
            }
        }
        return found;
    }

    /// <inheritdoc />
    public void Put(string key, ExecutionResult result)
    {
        lock (_gate)
        {
            _insert.Parameters["$key"].Value = key;
            _insert.Parameters["$verdict"].Value = result.Verdict.Name();
            _insert.Parameters["$detail"].Value = (object?)result.Detail ?? DBNull.Value;
            _insert.Parameters["$isolation"].Value = result.Isolation;
            _insert.Parameters["$cpu"].Value = result.CpuSeconds;
            _insert.Parameters["$rss"].Value = result.MaxRssKb;
            _insert.Parameters["$wall"].Value = result.WallSeconds;
            _insert.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public string? GetDocument(string key)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT json FROM documents WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as string;
        }
    }

    /// <inheritdoc />
    public void PutDocument(string key, string json)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO documents(key, json) VALUES ($key, $json)";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$json", json);
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public void PutRun(StoredRun run, string json)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO runs(id, started_utc, suite, models, samples, json) VALUES ($id, $started, $suite, $models, $samples, $json)";
            command.Parameters.AddWithValue("$id", run.Id);
            command.Parameters.AddWithValue("$started", run.StartedUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$suite", run.Suite);
            command.Parameters.AddWithValue("$models", run.Models);
            command.Parameters.AddWithValue("$samples", run.Samples);
            command.Parameters.AddWithValue("$json", json);
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public string? GetRun(string? id)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = id is null
                ? "SELECT json FROM runs ORDER BY started_utc DESC, id DESC LIMIT 1"
                : "SELECT json FROM runs WHERE id = $id";
            command.Parameters.AddWithValue("$id", (object?)id ?? DBNull.Value);
            return command.ExecuteScalar() as string;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredRun> ListRuns()
    {
        var runs = new List<StoredRun>();
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, started_utc, suite, models, samples FROM runs ORDER BY started_utc DESC, id DESC";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                runs.Add(new StoredRun(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                    reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4)));
            }
        }
        return runs;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }
}
