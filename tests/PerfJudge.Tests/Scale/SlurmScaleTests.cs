using System.Diagnostics;
using System.Text.Json.Nodes;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Scale;

/// <summary>The acceptance run on a real single-node Slurm cluster (.ci/services.sh): 'perfjudge plan
/// --slurm' writes the script, bash submits a 4-task array and the merge job that depends on it; the
/// array judges HumanEval's canonical solutions and a model with failures, sandboxed in every shard;
/// the merged result equals the single-machine run (verdicts, pass@k and their intervals).</summary>
[Collection(SandboxTests.Name)]
public class SlurmScaleTests
{
    [SlurmFact]
    public async Task A_four_shard_array_and_its_merge_job_equal_the_single_machine_run()
    {
        if (Services.SlurmProblem() is { } problem)
        {
            throw new InvalidOperationException(problem); // only under CI=true: the cluster must be there
        }
        var dir = TestData.TempDir();
        var (samples, count) = ShardSamples.Write(dir);
        var suite = TestData.Require("humaneval", "HumanEval.jsonl.gz");
        var cli = typeof(global::PerfJudge.Cli.Program).Assembly.Location;
        var script = Path.Combine(dir, "job.sbatch");
        var outDir = Path.Combine(dir, "out");
        var plan = await CliRunner.RunAsync("plan", "--slurm", "--shards", "4", "--cpus", "1", "-o", script, "--results-dir", outDir,
            "--chdir", dir, "--perfjudge", $"dotnet {cli}", "--", "--suite", suite, "--samples", samples, "--k", "1,2");
        Assert.True(plan.ExitCode == 0, plan.Err);

        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        info.ArgumentList.Add(script);
        info.Environment.Remove(PerfJudge.Storage.ResultStores.EnvironmentVariable);
        using (var submit = Process.Start(info)!)
        {
            var output = await submit.StandardOutput.ReadToEndAsync();
            var errors = await submit.StandardError.ReadToEndAsync();
            await submit.WaitForExitAsync();
            Assert.True(submit.ExitCode == 0, output + errors);
        }
        var merged = Path.Combine(outDir, "merged.json");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(merged) && clock.Elapsed < TimeSpan.FromMinutes(6))
        {
            await Task.Delay(500);
        }
        Assert.True(File.Exists(merged), "no merged result after 6 minutes; logs:\n" + string.Join("\n",
            Directory.GetFiles(outDir, "*.out").Select(f => $"== {f}\n{File.ReadAllText(f)}")));

        var single = await CliRunner.RunAsync("eval", "--suite", suite, "--samples", samples, "--k", "1,2", "--no-cache",
            "--json", Path.Combine(dir, "single.json"));
        Assert.Equal(0, single.ExitCode);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(merged))!;
        var (models, rows) = ShardSamples.Projection(document);
        Assert.Equal(count, rows.Count);
        Assert.Equal(ShardSamples.Projection(single.Json!).Models, models);
        Assert.Equal(ShardSamples.Projection(single.Json!).Rows, rows);
        Assert.Equal(33, document["models"]!.AsArray().Single(m => m!["model"]!.GetValue<string>() == "second")!["verdicts"]!["failed"]!.GetValue<int>());
        var shards = document["run"]!["shards"]!.AsArray();
        Assert.Equal([0, 1, 2, 3], shards.Select(s => s!["index"]!.GetValue<int>()));
        Assert.All(shards, s => Assert.False(string.IsNullOrEmpty(s!["fingerprint"]?.GetValue<string>())));
        Assert.All(shards, s => Assert.Equal(single.Json!["run"]!["isolation"]!.GetValue<string>(), s!["isolation"]!.GetValue<string>()));
        Assert.Equal(4, Directory.GetFiles(outDir, "shard-*.json").Length);
        Assert.Equal(4, Directory.GetFiles(outDir, "slurm-*_*.out").Length); // one log per array task: they ran under Slurm
    }
}
