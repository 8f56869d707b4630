using Microsoft.Data.Sqlite;
using PerfJudge.Storage;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Storage;

/// <summary>The SQLite store's versioned schema: a store written before versions existed is migrated
/// in place, keeping its runs and replies; opening again applies nothing twice.</summary>
public class SqliteSchemaTests
{
    [Fact]
    public void A_store_of_the_first_schema_is_migrated_and_keeps_its_contents()
    {
        var path = Path.Combine(TestData.TempDir(), "old.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = "CREATE TABLE documents (key TEXT PRIMARY KEY, json TEXT NOT NULL, stored_utc TEXT NOT NULL DEFAULT '');" +
                "CREATE TABLE runs (id TEXT PRIMARY KEY, started_utc TEXT NOT NULL, suite TEXT NOT NULL, models INTEGER NOT NULL, " +
                "samples INTEGER NOT NULL, json TEXT NOT NULL);" +
                "INSERT INTO documents(key, json) VALUES ('k', '{}');" +
                "INSERT INTO runs VALUES ('r1', '2026-01-01T00:00:00.0000000+00:00', 'demo', 2, 10, '{\"old\":1}');";
            command.ExecuteNonQuery();
        }
        using (var store = new SqliteResultStore(path))
        {
            Assert.Equal(SqliteResultStore.Migrations.Max(m => m.Version), store.SchemaVersion);
            Assert.Equal("{}", store.GetDocument("k"));
            var run = Assert.Single(store.ListRuns());
            Assert.Equal(new StoredRun("r1", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "demo", 2, 10), run);
            store.PutRun(new StoredRun("r2", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), "demo", 1, 5, "g1", 3, 4), "{}");
        }
        using (var again = new SqliteResultStore(path))
        {
            Assert.Equal(2, again.SchemaVersion);
            Assert.Equal(new StoredRun("r2", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), "demo", 1, 5, "g1", 3, 4), again.ListRuns()[0]);
        }
    }

    [Fact]
    public void Stores_opened_at_once_by_several_processes_migrate_once()
    {
        var path = Path.Combine(TestData.TempDir(), "new.db");
        Parallel.For(0, 6, _ =>
        {
            using var store = new SqliteResultStore(path);
            store.PutDocument(Guid.NewGuid().ToString(), "{}");
        });
        using var check = new SqliteResultStore(path);
        Assert.Equal(2, check.SchemaVersion);
    }
}
