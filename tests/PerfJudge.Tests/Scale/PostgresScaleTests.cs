using System.Diagnostics;
using Npgsql;
using PerfJudge.Storage;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Scale;

/// <summary>The PostgreSQL store on a real server, each test in a database of its own: versioned
/// schema, idempotent writes, and the acceptance run — 4 shards writing at once, one SIGKILLed and
/// rerun, every sample stored exactly once, the merged run equal to a single-machine run.</summary>
[Collection(SandboxTests.Name)]
public sealed class PostgresScaleTests : IDisposable
{
    private readonly string _database = "pj_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _url;

    public PostgresScaleTests()
    {
        if (Services.PostgresProblem() is { } problem)
        {
            // Reached only under CI=true (the attribute skips otherwise): the service must be there.
            throw new InvalidOperationException(problem);
        }
        Admin($"CREATE DATABASE {_database}");
        var uri = new UriBuilder(Services.PostgresUrl) { Path = "/" + _database };
        _url = uri.Uri.ToString();
    }

    public void Dispose() => Admin($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(ResultStores.ConnectionString(Services.PostgresUrl));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ResultStores.ConnectionString(_url));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [PostgresFact]
    public void Shards_opening_a_new_database_at_once_migrate_it_once_and_writes_are_idempotent()
    {
        Parallel.For(0, 6, i =>
        {
            using var store = new PostgresResultStore(ResultStores.ConnectionString(_url));
            store.PutDocument("same key", "{\"v\":1}");
            store.PutRun(new StoredRun($"r{i % 2}", DateTimeOffset.UnixEpoch.AddDays(i % 2), "s", 1, 2, "g", i % 2, 2), "{}");
        });
        Assert.Equal(PostgresSchema.Migrations.Count, Scalar("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM documents"));
        Assert.Equal(2, Scalar("SELECT count(*) FROM runs"));
        using var check = new PostgresResultStore(ResultStores.ConnectionString(_url));
        Assert.Equal(2, check.SchemaVersion);
        Assert.Equal("{\"v\":1}", check.GetDocument("same key"));
        Assert.Equal(new StoredRun("r1", DateTimeOffset.UnixEpoch.AddDays(1), "s", 1, 2, "g", 1, 2), check.ListRuns()[0]);
    }

    [PostgresFact]
    public async Task Four_shards_write_at_once_one_is_killed_and_rerun_and_the_merge_equals_one_run()
    {
        var dir = TestData.TempDir();
        var (samples, count) = ShardSamples.Write(dir, slowShard: 2);
        var suite = TestData.Require("humaneval", "HumanEval.jsonl.gz");
        string[] Shard(int i) => ["eval", "--suite", suite, "--samples", samples, "--shard", $"{i}/4", "--store", _url, "--jobs", "1",
            "--json", Path.Combine(dir, $"shard-{i}.json")];
        var cli = typeof(global::PerfJudge.Cli.Program).Assembly.Location;
        var processes = Enumerable.Range(0, 4).Select(i =>
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(cli);
            foreach (var a in Shard(i)) info.ArgumentList.Add(a);
            var p = Process.Start(info)!;
            _ = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            return p;
        }).ToList();
        try
        {
            foreach (var i in new[] { 0, 1, 3 })
            {
                await processes[i].WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
                Assert.Equal(0, processes[i].ExitCode);
            }
            // Shard 2 (slow samples) is still judging: kill it once it has stored some of its replies.
            var others = count - (count / 4);
            var clock = Stopwatch.StartNew();
            while (Scalar("SELECT count(*) FROM documents") < others + 8 && !processes[2].HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(20);
            }
            Assert.False(processes[2].HasExited, "shard 2 finished before it could be killed");
            processes[2].Kill(); // SIGKILL
            await processes[2].WaitForExitAsync();
        }
        finally
        {
            foreach (var p in processes.Where(p => !p.HasExited)) p.Kill();
            processes.ForEach(p => p.Dispose());
        }
        Assert.Equal(0, Scalar("SELECT count(*) FROM runs WHERE shard_index = 2"));

        var rerun = await CliRunner.RunAsync(Shard(2));
        Assert.True(rerun.ExitCode == 0, rerun.Err);
        var rows = rerun.Json!["results"]!.AsArray();
        Assert.InRange(rows.Count(r => r!["cached"]!.GetValue<bool>()), 8, rows.Count - 1); // resumed: replayed some, ran the rest

        // Every sample stored exactly once; one recorded run per shard.
        Assert.Equal(count, Scalar("SELECT count(*) FROM documents"));
        Assert.Equal(4, Scalar("SELECT count(DISTINCT shard_index) FROM runs WHERE shard_count = 4"));
        Assert.Equal(4, Scalar("SELECT count(*) FROM runs WHERE shard_count = 4"));

        var merged = await CliRunner.RunAsync("merge", "--store", _url, "--json", Path.Combine(dir, "merged.json"));
        Assert.True(merged.ExitCode == 0, merged.Err);
        var single = await CliRunner.RunAsync("eval", "--suite", suite, "--samples", samples, "--no-cache", "--json", Path.Combine(dir, "single.json"));
        Assert.Equal(0, single.ExitCode);
        var (models, mergedRows) = ShardSamples.Projection(merged.Json!);
        Assert.Equal(count, mergedRows.Distinct().Count());
        Assert.Equal(ShardSamples.Projection(single.Json!).Models, models);
        Assert.Equal(ShardSamples.Projection(single.Json!).Rows, mergedRows);
        Assert.Equal(4, merged.Json!["run"]!["shards"]!.AsArray().Count);
        Assert.Equal(1, Scalar("SELECT count(*) FROM runs WHERE shard_count = 0"));
    }
}
