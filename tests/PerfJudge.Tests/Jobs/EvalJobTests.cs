using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Reports;
using PerfJudge.Runners;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Jobs;

/// <summary>The eval job with a fake runner (no Python, no sandbox): ordering, caching, resume after
/// a crash, cancellation, errors as values, a run rebuilt from the store alone.</summary>
public class EvalJobTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private sealed record Setup(string Suite, string Samples, SuiteResolver Resolver, FakeTimeProvider Time);

    private static Setup Make(int samplesPerTask = 4, int tasks = 5, Func<int, int, string>? completion = null)
    {
        var dir = TestData.TempDir();
        var (suite, resolver) = FakeSuite.Write(dir, tasks);
        var samples = Path.Combine(dir, "samples.jsonl");
        File.WriteAllLines(samples, Enumerable.Range(0, tasks).SelectMany(t => Enumerable.Range(0, samplesPerTask).Select(s =>
            JsonSerializer.Serialize(new
            {
                task_id = $"T/{t}", model = s % 2 == 0 ? "even" : "odd",
                completion = completion?.Invoke(t, s) ?? (s % 3 == 2 ? $"    return None  # {t} {s}\n" : $"    return 'ok'  # {t} {s}\n"),
            }))));
        return new Setup(suite, samples, resolver, new FakeTimeProvider(Noon));
    }

    private static EvalOptions Options(Setup s, string? samples = null, bool noCache = false) =>
        new(s.Suite, samples ?? s.Samples, [1, 2], ExecutionLimits.Default, new EngineOptions(NoCache: noCache));

    [Fact]
    public async Task Rows_come_in_sample_order_with_the_runner_environment_and_the_clock_of_the_time_provider()
    {
        var s = Make();
        var runner = new FakeRunner();
        var result = await new EvalJob(new FakeEngines(runner, new MemoryStore()), s.Resolver, s.Time)
            .RunAsync(Options(s), null, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var rows = result.Value!.Report.Rows;
        var lines = File.ReadAllLines(s.Samples).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(lines.Select(l => l.GetProperty("task_id").GetString()), rows.Select(r => r.TaskId));
        Assert.Equal(lines.Select(l => l.GetProperty("completion").GetString()!.Contains("ok") ? "passed" : "failed"), rows.Select(r => r.Verdict));
        Assert.All(rows, r => Assert.Equal(("fake", "fake 1.0", "test machine"), (r.Isolation, r.Runtime, r.Machine)));
        Assert.Equal(Noon, result.Value.Report.Run.StartedUtc);
        Assert.StartsWith("20261202-120000-", result.Value.Report.Run.Id, StringComparison.Ordinal);
        Assert.True(runner.Disposed);
    }

    [Fact]
    public async Task Identical_samples_run_once_and_a_second_run_replays_everything_from_the_store()
    {
        var s = Make(completion: (t, i) => i < 2 ? "    return 'ok'\n" : $"    return None  # {t} {i}\n");
        var runner = new FakeRunner();
        var store = new MemoryStore();
        var job = new EvalJob(new FakeEngines(runner, store), s.Resolver, s.Time);
        var first = await job.RunAsync(Options(s), null, CancellationToken.None);
        Assert.Equal(5 * 3, runner.Ran.Count); // per task: one shared 'ok' program, two distinct others
        Assert.All(first.Value!.Report.Rows, r => Assert.False(r.Cached));
        var second = await job.RunAsync(Options(s), null, CancellationToken.None);
        Assert.Equal(5 * 3, runner.Ran.Count);
        Assert.All(second.Value!.Report.Rows, r => Assert.True(r.Cached));
        Assert.Equal(first.Value.Report.Rows.Select(r => r.Verdict), second.Value.Report.Rows.Select(r => r.Verdict));
    }

    [Fact]
    public async Task A_crash_midway_loses_nothing_stored_and_the_rerun_runs_only_the_rest()
    {
        var s = Make(samplesPerTask: 10, tasks: 6);
        var store = new MemoryStore();
        var crashing = new FakeRunner { CancelAfter = 20 };
        var job = new EvalJob(new FakeEngines(crashing, store), s.Resolver, s.Time);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync(Options(s), null, crashing.Cancel.Token));
        var kept = store.Count;
        Assert.InRange(kept, 1, 59);
        var fresh = new FakeRunner();
        var resumed = await new EvalJob(new FakeEngines(fresh, store), s.Resolver, s.Time).RunAsync(Options(s), null, CancellationToken.None);
        Assert.Equal(60 - kept, fresh.Ran.Count);
        Assert.Equal(kept, resumed.Value!.Report.Rows.Count(r => r.Cached));
        var uninterrupted = await new EvalJob(new FakeEngines(new FakeRunner(), new MemoryStore()), s.Resolver, s.Time)
            .RunAsync(Options(s), null, CancellationToken.None);
        Assert.Equal(ResultsDocument.Render(uninterrupted.Value!.Report with { Run = resumed.Value.Report.Run })
                .Replace("\"cached\": true", "\"cached\": false", StringComparison.Ordinal),
            ResultsDocument.Render(resumed.Value.Report).Replace("\"cached\": true", "\"cached\": false", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sandbox_errors_are_not_stored_so_the_next_run_retries_them()
    {
        var s = Make(samplesPerTask: 2, tasks: 2);
        var store = new MemoryStore();
        var broken = new FakeRunner(r => new TestReply(Verdict.SandboxError, "worker died", 0, 0, 0));
        var first = await new EvalJob(new FakeEngines(broken, store), s.Resolver, s.Time).RunAsync(Options(s), null, CancellationToken.None);
        Assert.All(first.Value!.Report.Rows, r => Assert.Equal("sandbox_error", r.Verdict));
        Assert.Equal(0, store.Count);
        var healthy = new FakeRunner();
        await new EvalJob(new FakeEngines(healthy, store), s.Resolver, s.Time).RunAsync(Options(s), null, CancellationToken.None);
        Assert.Equal(4, healthy.Ran.Count);
    }

    [Fact]
    public async Task A_recorded_run_rebuilt_from_the_store_alone_reports_exactly_what_the_live_run_did()
    {
        var s = Make(samplesPerTask: 6);
        var store = new MemoryStore();
        var live = await new EvalJob(new FakeEngines(new FakeRunner(), store), s.Resolver, s.Time).RunAsync(Options(s), null, CancellationToken.None);
        var report = live.Value!.Report;
        var rebuilt = ResultsDocumentReader.Read(store.GetRun(report.Run.Id)!, "store");
        Assert.Equal(ResultsDocument.Render(report), ResultsDocument.Render(rebuilt));
        Assert.Equal(3, rebuilt.Models.Count); // even, odd, (all)
    }

    [Fact]
    public async Task Invalid_options_are_all_reported_together_and_no_engine_starts()
    {
        var s = Make();
        var engines = new FakeEngines(new FakeRunner(), new MemoryStore());
        var options = Options(s) with { Ks = [], Rounds = 0, Alpha = 0.5, Limits = ExecutionLimits.Default with { WallSeconds = -1 },
            Engine = new EngineOptions(Isolation: "chroot", Workers: 0) };
        var result = await new EvalJob(engines, s.Resolver, s.Time).RunAsync(options, null, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Equal(["--timeout", "--isolation", "--jobs", "--k", "--rounds", "--alpha"],
            result.Diagnostics.Select(d => d.Field));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticKind.Usage, d.Kind));
        Assert.Equal(0, engines.Started);
    }

    [Fact]
    public async Task Bad_input_and_a_missing_sandbox_are_diagnostics_with_file_line_and_field_not_exceptions()
    {
        var s = Make();
        var bad = Path.Combine(Path.GetDirectoryName(s.Samples)!, "bad.jsonl");
        File.WriteAllLines(bad, ["{\"task_id\": \"T/0\", \"completion\": \"x\"}", "{not json", "{\"task_id\": \"T/99\", \"completion\": \"x\"}"]);
        var engines = new FakeEngines(new FakeRunner(), new MemoryStore());
        var job = new EvalJob(engines, s.Resolver, s.Time);
        var invalid = await job.RunAsync(Options(s, bad), null, CancellationToken.None);
        Assert.Contains(invalid.Diagnostics, d => d.Kind == DiagnosticKind.Input && d.File == bad && d.Line == 2);
        Assert.Contains(invalid.Diagnostics, d => d is { Kind: DiagnosticKind.Input, Line: 3, Field: "task_id" });
        Assert.Contains(invalid.Diagnostics, d => d.Code == "samples.invalid" && d.Message.Contains("--skip-invalid", StringComparison.Ordinal));
        var skipped = await job.RunAsync(Options(s, bad) with { SkipInvalid = true }, null, CancellationToken.None);
        Assert.True(skipped.Succeeded);
        Assert.Single(skipped.Value!.Report.Rows);
        Assert.Contains(skipped.Diagnostics, d => d is { Kind: DiagnosticKind.Warning, Line: 2 });
        var missing = await job.RunAsync(Options(s) with { Suite = Path.Combine(Path.GetDirectoryName(s.Suite)!, "nope.jsonl") },
            null, CancellationToken.None);
        Assert.Contains(missing.Diagnostics, d => d.Kind == DiagnosticKind.Input && d.Code == "suite");
        var noSandbox = await new EvalJob(new FakeEngines(new FakeRunner(), new MemoryStore(), "only rlimits works here"), s.Resolver, s.Time)
            .RunAsync(Options(s), null, CancellationToken.None);
        Assert.Equal(DiagnosticKind.Environment, Assert.Single(noSandbox.Diagnostics, d => d.IsError).Kind);
    }

    [Fact]
    public async Task A_runner_that_cannot_start_its_workers_is_an_environment_diagnostic()
    {
        var s = Make();
        var runner = new FakeRunner(_ => throw new RunnerStartException("worker did not start (bubblewrap): bwrap: No permissions"));
        var result = await new EvalJob(new FakeEngines(runner, new MemoryStore()), s.Resolver, s.Time).RunAsync(Options(s), null, CancellationToken.None);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((DiagnosticKind.Environment, "runner.start"), (error.Kind, error.Code));
        Assert.Contains("No permissions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_counts_samples_including_duplicates_and_replays()
    {
        var s = Make(completion: (t, i) => "    return 'ok'\n");
        var store = new MemoryStore();
        var job = new EvalJob(new FakeEngines(new FakeRunner(), store), s.Resolver, s.Time);
        var reports = new List<JobProgress>();
        var progress = new Progress(reports);
        await job.RunAsync(Options(s), progress, CancellationToken.None);
        Assert.Equal(new JobProgress(20, 20, 0, "samples"), reports.MaxBy(p => p.Done));
        reports.Clear();
        await job.RunAsync(Options(s), progress, CancellationToken.None);
        Assert.Equal(new JobProgress(20, 20, 20, "samples"), reports.MaxBy(p => p.Done));
    }

    private sealed class Progress(List<JobProgress> reports) : IProgress<JobProgress>
    {
        public void Report(JobProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
