using Microsoft.Data.Sqlite;
using PerfJudge.Runners;

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
