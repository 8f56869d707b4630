using System.Text.Json.Nodes;
using PerfJudge.Judging;
using PerfJudge.Measurement;
using PerfJudge.Stress;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary><c>stress</c>: searches each task for inputs that separate its fast and slow references,
/// writes the stressed suite (tasks.jsonl) and what was measured (report.json).</summary>
public sealed class StressJob
{
    private readonly IEngineFactory _engines;
    private readonly SuiteResolver _suites;
    private readonly TimeProvider _time;

    /// <summary>Creates the job.</summary>
    public StressJob(IEngineFactory engines, SuiteResolver suites, TimeProvider time)
    {
        _engines = engines;
        _suites = suites;
        _time = time;
    }

    /// <summary>Called once the engine has started (front ends print a header).</summary>
    public event Action<StressStart>? Started;

    /// <summary>Called as each task's search finishes.</summary>
    public event Action<StressOutcome>? TaskFinished;

    /// <summary>Searches and writes; expected failures come back as diagnostics. Cancellation throws
    /// <see cref="OperationCanceledException"/> before anything is written.</summary>
    public Task<JobResult<StressResult>> RunAsync(StressJobOptions options, CancellationToken cancel)
    {
        return JobFailure.GuardAsync(() => RunCoreAsync(options, cancel));
    }

    private async Task<JobResult<StressResult>> RunCoreAsync(StressJobOptions options, CancellationToken cancel)
    {
        var diagnostics = new List<Diagnostic>(options.Validate());
        if (diagnostics.Any(d => d.IsError))
        {
            return JobFailure.Of<StressResult>(diagnostics);
        }
        var clock = _time.GetTimestamp();
        if (await JobFailure.ResolveSuiteAsync(_suites, options.Suite, diagnostics, cancel) is not { } suite)
        {
            return JobFailure.Of<StressResult>(diagnostics);
        }
        if (suite.Source.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(Diagnostic.Usage("--suite", "stress writes a HumanEval-format suite (JSONL); ENAMEL's CSV has its own generators and levels"));
            return JobFailure.Of<StressResult>(diagnostics);
        }
        var targets = StressTarget.Load(suite);
        if (StressSamples.Attach(targets, options.Samples ?? [], suite, diagnostics) is not { } withSamples)
        {
            return JobFailure.Of<StressResult>(diagnostics);
        }
        targets = withSamples;
        var unknown = options.Tasks.Where(t => !suite.TryGet(t, out _)).ToList();
        if (unknown.Count > 0)
        {
            diagnostics.Add(Diagnostic.Usage("--task", $"no task {string.Join(", ", unknown.Select(u => $"'{u}'"))} in suite {suite.Name}"));
            return JobFailure.Of<StressResult>(diagnostics);
        }
        if (options.Tasks.Count > 0)
        {
            targets = targets.Where(t => options.Tasks.Contains(t.Task.TaskId)).ToList();
        }
        var meter = MeterChoice.Resolve(options.Search.Meter, diagnostics, search: true);
        await using var engine = meter is null ? null : _engines.Start(options.Engine, diagnostics);
        if (engine is null)
        {
            return JobFailure.Of<StressResult>(diagnostics);
        }
        var search = options.Search with { Meter = meter!, Budget = options.Budget ?? StressOptions.DefaultBudget(meter!) };
        var info = engine.Runner.Info;
        Started?.Invoke(new StressStart(suite, targets.Count, search, info));
        var outcomes = await new StressRunner(engine.Runner).RunAsync(targets, search, o => TaskFinished?.Invoke(o), cancel);
        Directory.CreateDirectory(options.OutDir);
        var suitePath = Path.Combine(options.OutDir, "tasks.jsonl");
        var reportPath = Path.Combine(options.OutDir, "report.json");
        StressSuiteWriter.Write(suitePath, targets, outcomes, search);
        var wall = _time.GetElapsedTime(clock).TotalSeconds;
        var run = new JsonObject
        {
            ["suite"] = suite.Source,
            ["meter"] = meter,
            ["unit"] = Meters.Unit(meter!),
            ["isolation"] = info.Isolation,
            ["python"] = info.RuntimeVersion,
            ["environment"] = info.Machine,
            ["wall_s"] = wall,
        };
        StressSuiteWriter.WriteReport(reportPath, outcomes, search, run);
        if (!outcomes.Any(o => o.Succeeded))
        {
            diagnostics.Add(Diagnostic.Input("stress.none", "no task got a stress level"));
        }
        return new JobResult<StressResult>(new StressResult(outcomes, search, suitePath, reportPath, wall), diagnostics);
    }
}
