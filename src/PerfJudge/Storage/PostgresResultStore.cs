using Npgsql;

namespace PerfJudge.Storage;

/// <summary>PostgreSQL result store, shared by the shards of a run on several machines: the same
/// documents and runs as the SQLite store. Writes are idempotent (a document is keyed by its content,
/// a run by its id), each is committed before returning, and any number of processes may write at once.</summary>
public sealed class PostgresResultStore : IResultStore
{
    private readonly NpgsqlDataSource _source;

    /// <summary>Connects to <paramref name="connectionString"/> (Npgsql key=value form) and brings the
    /// schema up to date.</summary>
    /// <exception cref="NpgsqlException">The server cannot be reached or refuses the login.</exception>
    public PostgresResultStore(string connectionString)
    {
        _source = NpgsqlDataSource.Create(connectionString);
        try
        {
            PostgresSchema.Migrate(_source);
        }
        catch
        {
            _source.Dispose();
            throw;
        }
    }

    /// <summary>The schema version of the store.</summary>
    public int SchemaVersion => PostgresSchema.Version(_source);

    /// <inheritdoc />
    public string? GetDocument(string key)
    {
        using var command = _source.CreateCommand("SELECT json FROM documents WHERE key = $1");
        command.Parameters.AddWithValue(key);
        return command.ExecuteScalar() as string;
    }

    /// <inheritdoc />
    public void PutDocument(string key, string json)
    {
        // Replacing keeps --fresh's meaning (the new reply replaces the stored one); two shards
        // storing the same key store the same content, so either order leaves one row.
        using var command = _source.CreateCommand("INSERT INTO documents(key, json) VALUES ($1, $2) " +
            "ON CONFLICT (key) DO UPDATE SET json = EXCLUDED.json, stored_utc = now()");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(json);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void PutRun(StoredRun run, string json)
    {
        using var command = _source.CreateCommand("INSERT INTO runs(id, started_utc, suite, models, samples, json, shard_group, shard_index, shard_count) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET started_utc = EXCLUDED.started_utc, suite = EXCLUDED.suite, " +
            "models = EXCLUDED.models, samples = EXCLUDED.samples, json = EXCLUDED.json, shard_group = EXCLUDED.shard_group, " +
            "shard_index = EXCLUDED.shard_index, shard_count = EXCLUDED.shard_count");
        command.Parameters.AddWithValue(run.Id);
        command.Parameters.AddWithValue(run.StartedUtc.ToUniversalTime());
        command.Parameters.AddWithValue(run.Suite);
        command.Parameters.AddWithValue(run.Models);
        command.Parameters.AddWithValue(run.Samples);
        command.Parameters.AddWithValue(json);
        command.Parameters.AddWithValue((object?)run.ShardGroup ?? DBNull.Value);
        command.Parameters.AddWithValue(run.ShardIndex);
        command.Parameters.AddWithValue(run.ShardCount);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public string? GetRun(string? id)
    {
        using var command = id is null
            ? _source.CreateCommand("SELECT json FROM runs ORDER BY started_utc DESC, id DESC LIMIT 1")
            : _source.CreateCommand("SELECT json FROM runs WHERE id = $1");
        if (id is not null)
        {
            command.Parameters.AddWithValue(id);
        }
        return command.ExecuteScalar() as string;
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredRun> ListRuns()
    {
        var runs = new List<StoredRun>();
        using var command = _source.CreateCommand("SELECT id, started_utc, suite, models, samples, shard_group, shard_index, shard_count " +
            "FROM runs ORDER BY started_utc DESC, id DESC");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(new StoredRun(reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), reader.GetString(2),
                reader.GetInt32(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), reader.GetInt32(7)));
        }
        return runs;
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
