using System.Diagnostics;
using PerfJudge.Planning;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Planning;

/// <summary>The generated sbatch script, run by bash with stand-ins for sbatch and perfjudge that record
/// their arguments: it submits the array and a merge job depending on it, each array task judges its
/// shard with the eval arguments intact, a finished shard is skipped on resubmission, and merge reads
/// the shard documents (or the shared store).</summary>
public class SlurmPlanTests
{
    private sealed record Bench(string Dir, string Script, string Calls, PlanOptions Plan);

    private static Bench Make(string? store = null)
    {
        var dir = TestData.TempDir();
        var calls = Path.Combine(dir, "calls");
        var bin = Path.Combine(dir, "bin");
        Directory.CreateDirectory(bin);
        var record = $"#!/usr/bin/env bash\n{{ echo \"$(basename \"$0\")\"; printf '%s\\n' \"$@\"; echo --; }} >> {calls}\n";
        File.WriteAllText(Path.Combine(bin, "sbatch"), record + "echo 4242\n");
        File.WriteAllText(Path.Combine(bin, "fake perfjudge"), record);
        foreach (var f in Directory.GetFiles(bin))
        {
            File.SetUnixFileMode(f, (UnixFileMode)0b111_101_101);
        }
        var plan = new PlanOptions(4, ["--suite", "humaneval", "--samples", "my 'samples'.jsonl", "--k", "1,10"],
            [Path.Combine(bin, "fake perfjudge")], Store: store, OutputDir: Path.Combine(dir, "out"), WorkDir: dir, Cpus: 1);
        var script = Path.Combine(dir, "job.sbatch");
        File.WriteAllText(script, SlurmPlan.Render(plan));
        return new Bench(dir, script, calls, plan);
    }

    private static List<List<string>> Run(Bench b, params (string, string)[] env) => Run(b, [], env);

    private static List<List<string>> Run(Bench b, string[] args, params (string, string)[] env)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = b.Dir };
        info.ArgumentList.Add(b.Script);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["PATH"] = Path.Combine(b.Dir, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        foreach (var v in new[] { "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "PERFJUDGE_STORE" }) info.Environment.Remove(v);
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err.Result);
        var calls = File.Exists(b.Calls) ? File.ReadAllLines(b.Calls) : [];
        File.Delete(b.Calls);
        var result = new List<List<string>>();
        var current = new List<string>();
        foreach (var line in calls)
        {
            if (line == "--") { result.Add(current); current = []; } else current.Add(line);
        }
        return result;
    }

    [Fact]
    public void Bash_submits_the_array_then_a_merge_job_that_depends_on_it()
    {
        var b = Make();
        var text = File.ReadAllText(b.Script);
        Assert.Contains("#SBATCH --array=0-3\n", text, StringComparison.Ordinal);
        var calls = Run(b);
        Assert.Equal(2, calls.Count);
        Assert.Equal(["sbatch", "--parsable", b.Script], calls[0]);
        Assert.Equal("sbatch", calls[1][0]);
        Assert.Contains("--dependency=afterok:4242", calls[1]);
        Assert.Equal([b.Script, "merge"], calls[1].TakeLast(2));
        Assert.True(Directory.Exists(b.Plan.OutputDir));
    }

    [Fact]
    public void An_array_task_judges_its_shard_and_a_finished_shard_is_skipped_on_resubmission()
    {
        var b = Make();
        var call = Assert.Single(Run(b, ("SLURM_ARRAY_TASK_ID", "6"), ("SLURM_ARRAY_TASK_MIN", "4")));
        var o = b.Plan.OutputDir;
        Assert.Equal(["fake perfjudge", "eval", "--suite", "humaneval", "--samples", "my 'samples'.jsonl", "--k", "1,10", "--jobs", "1",
            "--shard", "2/4", "--group", b.Plan.GroupName, "--store", $"{o}/store-2.db", "--json", $"{o}/shard-2.json"], call);
        Directory.CreateDirectory(o);
        File.WriteAllText(Path.Combine(o, "shard-2.json"), "{}");
        Assert.Empty(Run(b, ("SLURM_ARRAY_TASK_ID", "6"), ("SLURM_ARRAY_TASK_MIN", "4")));
        Assert.Contains("--shard", Assert.Single(Run(b, ("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "4"))));
    }

    [Fact]
    public void Merge_reads_the_shard_documents_or_the_shared_store()
    {
        var b = Make();
        Directory.CreateDirectory(b.Plan.OutputDir);
        File.WriteAllText(Path.Combine(b.Plan.OutputDir, "shard-0.json"), "{}");
        var o = b.Plan.OutputDir;
        Assert.Equal(["fake perfjudge", "merge", $"{o}/shard-0.json", "--store", $"{o}/merged.db", "--json", $"{o}/merged.json"],
            Assert.Single(Run(b, ["merge"])));
        var shared = Assert.Single(Run(b, ["merge"], ("PERFJUDGE_STORE", "postgres://u@h/db")));
        Assert.Equal(["fake perfjudge", "merge", "--store", "postgres://u@h/db", "--group", b.Plan.GroupName], shared.Take(6));
        var task = Assert.Single(Run(b, ("SLURM_ARRAY_TASK_ID", "1"), ("PERFJUDGE_STORE", "postgres://u@h/db")));
        Assert.Equal("postgres://u@h/db", task[task.IndexOf("--store") + 1]);
    }
}
