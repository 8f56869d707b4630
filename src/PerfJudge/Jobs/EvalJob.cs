using PerfJudge.Evaluation;
using PerfJudge.Judging;
using PerfJudge.Measurement;
using PerfJudge.Reports;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Storage;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary><c>eval</c>: loads the suite and samples, starts the engine, judges (correctness, or
/// efficiency on efficiency suites), builds the report from the rows and records the run. Every
/// front end calls this; none repeats any of it.</summary>
public sealed class EvalJob
{
    private readonly IEngineFactory _engines;
    private readonly SuiteResolver _suites;
    private readonly TimeProvider _time;

    /// <summary>Creates the job.</summary>
    public EvalJob(IEngineFactory engines, SuiteResolver suites, TimeProvider time)
    {
        _engines = engines;
        _suites = suites;
        _time = time;
    }

    /// <summary>Called once the engine has started, before judging (front ends print a header).</summary>
    public event Action<EvalStart>? Started;

    /// <summary>Runs the evaluation. Expected failures come back as diagnostics; cancellation throws
    /// <see cref="OperationCanceledException"/> after everything finished so far is stored.</summary>
    public Task<JobResult<EvalOutcome>> RunAsync(EvalOptions options, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        return JobFailure.GuardAsync(() => RunCoreAsync(options, progress, cancel));
    }

    private async Task<JobResult<EvalOutcome>> RunCoreAsync(EvalOptions options, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var diagnostics = new List<Diagnostic>(options.Validate());
        if (diagnostics.Any(d => d.IsError))
        {
            return JobFailure.Of<EvalOutcome>(diagnostics);
        }
        var started = _time.GetUtcNow();
        var clock = _time.GetTimestamp();
        if (await JobFailure.ResolveSuiteAsync(_suites, options.Suite, diagnostics, cancel) is not { } suite)
        {
            return JobFailure.Of<EvalOutcome>(diagnostics);
        }
        var samples = SampleLoader.Load(options, suite, _suites.DemoSamplesPath, diagnostics);
        if (samples is null)
        {
            return JobFailure.Of<EvalOutcome>(diagnostics);
        }
        RunShard? shard = null;
        if (options.Shard is { } spec)
        {
            shard = new RunShard(options.Group ?? spec.DefaultGroup(suite.Name, samples), spec.Index, spec.Count);
            samples = spec.Select(suite.Tasks.Select(t => t.TaskId).ToList(), samples);
            diagnostics.Add(Diagnostic.Note("shard", $"shard {spec} of run group {shard.Group}: " +
                $"{samples.Select(s => s.TaskId).Distinct().Count()} task(s), {samples.Count} sample(s)"));
        }
        var programs = suite.Tasks.Any(t => t.Program is not null);
        var efficiency = suite.Tasks.Any(t => t.Efficiency is not null || t.Program?.Levels is not null);
        var evalPlus = suite.Tasks.Any(t => t.EvalPlus is not null);
        string? meter = null;
        if (efficiency && (meter = MeterChoice.Resolve(options.Meter, diagnostics)) is null)
        {
            return JobFailure.Of<EvalOutcome>(diagnostics);
        }
        if (programs && meter is not (null or "cpu" or "wall"))
        {
            // A whole program's case is a process of its own: its cost comes from wait4 (cpu) or the clock (wall).
            diagnostics.Add(Diagnostic.Note("meter.programs", $"meter {meter} -> cpu: whole programs are measured with cpu or wall"));
            meter = "cpu";
        }
        await using var engine = _engines.Start(options.Engine, diagnostics);
        if (engine is null)
        {
            return JobFailure.Of<EvalOutcome>(diagnostics);
        }
        var info = engine.Runner.Info;
        Started?.Invoke(new EvalStart(suite, samples.Count, info, meter));
        var protocol = efficiency && !programs && !evalPlus ? Protocol(options, suite, diagnostics) : null;
        var rounds = options.Rounds ?? (protocol ?? EfficiencyProtocol.PerfJudge).Rounds;
        IReadOnlyList<ResultRow> rows = evalPlus
            ? await new EvalPlusEvaluator(engine.Runner).RunAsync(suite, samples, options.Limits, diagnostics, progress, cancel)
            : programs
            ? await new ProgramEvaluator(engine.Runner, meter is null ? null
                : new EfficiencyOptions(options.Limits, rounds, options.Alpha, options.Seed, meter))
                .RunAsync(suite, samples, options.Limits, rounds, progress, cancel)
            : efficiency
            // Each program runs all cases of a task in one process: its CPU budget covers them all,
            // while each case gets its own limit from the references.
            ? await new EfficiencyEvaluator(engine.Runner).RunAsync(suite, samples,
                new EfficiencyOptions(options.Limits with { CpuSeconds = Math.Max(60, options.Limits.CpuSeconds) },
                    rounds, options.Alpha, options.Seed, meter!, protocol!, ExtraRounds: options.Rounds is null), progress, cancel)
            : await new Evaluator(engine.Runner).RunAsync(suite, samples, options.Limits, progress, cancel);
        diagnostics.AddRange(SplitWindowNotes.Of(rows));
        var wall = _time.GetElapsedTime(clock).TotalSeconds;
        var run = new RunInfo(started, wall, info.Isolation, info.RuntimeVersion,
            options.Limits.WallSeconds, typeof(EvalJob).Assembly.GetName().Version?.ToString() ?? "0", meter,
            meter is null ? null : Meters.Unit(meter), info.Machine, engine.Records ? RunIds.New(started) : null, options.Ks, shard);
        var report = Report.Build(suite.Name, run, rows);
        var document = ResultsDocument.Render(report);
        if (run.Id is not null)
        {
            engine.Store.PutRun(new StoredRun(run.Id, started, suite.Name, report.RealModels.Count, rows.Count,
                shard?.Group, shard?.Index ?? 0, shard?.Count ?? 0), document);
        }
        return new JobResult<EvalOutcome>(new EvalOutcome(report, document, rows.Select(r => r.TaskId).Distinct().Count(),
            samples.Count - rows.Count, options.HumanEvalResults ? HumanEvalResults.Build(samples, rows) : null, rounds), diagnostics);
    }

    private static EfficiencyProtocol Protocol(EvalOptions options, TaskSuite suite, List<Diagnostic> diagnostics)
    {
        var protocol = options.Protocol is { } name ? EfficiencyProtocol.Named(name)! : EfficiencyProtocol.DefaultFor(suite.Name);
        diagnostics.Add(Diagnostic.Note("protocol", $"efficiency protocol {protocol.Name}" +
            (options.Protocol is null ? $" (the default on suite {suite.Name}; --protocol to choose)" : "")));
        return protocol;
    }

}
