using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

[Collection(SandboxTests.Name)]
public class KillResumeTests
{
    [Fact]
    public async Task A_run_killed_midway_resumes_to_exactly_the_uninterrupted_results()
    {
        var dir = TestData.TempDir();
        var suitePath = Path.Combine(AppContext.BaseDirectory, "suites", "demo", "tasks.jsonl");
        var suite = HumanEvalLoader.Load(suitePath, "demo");
        var lines = new List<string>();
        for (var i = 0; lines.Count < 400; i++)
        {
            foreach (var task in suite.Tasks)
            {
                // Distinct programs (so nothing is deduplicated); every fourth one is wrong.
                var completion = i % 4 == 3 ? "    return None\n" : task.CanonicalSolution;
                lines.Add(JsonSerializer.Serialize(new { task_id = task.TaskId, model = $"m{i % 3}", completion = completion + $"# variant {i}\n" }));
            }
        }
        var samples = Path.Combine(dir, "samples.jsonl");
        await File.WriteAllLinesAsync(samples, lines);
        string[] Args(string store, string json) =>
            ["eval", "--suite", suitePath, "--samples", samples, "--store", store, "--json", json, "--k", "1,5"];

        var reference = await CliRunner.RunAsync(Args(Path.Combine(dir, "ref.db"), Path.Combine(dir, "ref.json")));
        Assert.Equal(0, reference.ExitCode);

        var store = Path.Combine(dir, "killed.db");
        var cli = typeof(global::PerfJudge.Cli.Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(cli);
        foreach (var a in Args(store, Path.Combine(dir, "killed.json"))) info.ArgumentList.Add(a);
        using (var process = Process.Start(info)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var stored = 0L;
            var clock = Stopwatch.StartNew();
            while (stored < 60 && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(10);
                stored = CountRows(store);
            }
            Assert.False(process.HasExited, "the run finished before it could be killed");
            process.Kill(); // SIGKILL
            await process.WaitForExitAsync();
        }
        var afterKill = CountRows(store);
        Assert.InRange(afterKill, 60, lines.Count - 1);

        var resumed = await CliRunner.RunAsync(Args(store, Path.Combine(dir, "resumed.json")));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(lines.Count, CountRows(store));
        var cached = resumed.Json!["results"]!.AsArray().Count(r => r!["cached"]!.GetValue<bool>());
        Assert.Equal(afterKill, cached);
        Assert.Equal(Project(reference.Json!), Project(resumed.Json!));
        Assert.Equal(reference.Json!["models"]!.ToJsonString(), resumed.Json!["models"]!.ToJsonString());
    }

    private static List<string> Project(System.Text.Json.Nodes.JsonNode json) =>
        json["results"]!.AsArray().Select(r =>
            $"{r!["model"]}|{r["task_id"]}|{r["sample"]}|{r["verdict"]}|{r["detail"]}").ToList();

    private static long CountRows(string path)
    {
        if (!File.Exists(path)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM documents";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }
}
