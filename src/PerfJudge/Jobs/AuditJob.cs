using PerfJudge.Audit;
using PerfJudge.Judging;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary><c>audit</c>: the faults of a suite, per task with evidence (docs/audit.md): canonical
/// solutions failing their own tests, flaky verdicts, weak tests (surviving mutants), inputs that cannot
/// tell fast code from slow, duplicate tasks. Every front end calls this.</summary>
public sealed class AuditJob
{
    private readonly IEngineFactory _engines;
    private readonly SuiteResolver _suites;
    private readonly TimeProvider _time;

    /// <summary>Creates the job.</summary>
    public AuditJob(IEngineFactory engines, SuiteResolver suites, TimeProvider time)
    {
        _engines = engines;
        _suites = suites;
        _time = time;
    }

    /// <summary>Runs the audit; expected failures come back as diagnostics.</summary>
    public Task<JobResult<AuditReport>> RunAsync(AuditOptions options, IProgress<JobProgress>? progress, CancellationToken cancel) =>
        JobFailure.GuardAsync(() => RunCoreAsync(options, progress, cancel));

    private async Task<JobResult<AuditReport>> RunCoreAsync(AuditOptions options, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var diagnostics = new List<Diagnostic>(options.Validate());
        if (diagnostics.Any(d => d.IsError))
        {
            return JobFailure.Of<AuditReport>(diagnostics);
        }
        var clock = _time.GetTimestamp();
        if (await JobFailure.ResolveSuiteAsync(_suites, options.Suite, diagnostics, cancel) is not { } suite)
        {
            return JobFailure.Of<AuditReport>(diagnostics);
        }
        if (!SuiteJudge.Supports(suite))
        {
            diagnostics.Add(Diagnostic.Usage("--suite", $"{suite.Name}: the audit does not judge whole-program suites yet"));
            return JobFailure.Of<AuditReport>(diagnostics);
        }
        var tasks = options.Tasks > 0 ? suite.Tasks.Take(options.Tasks).ToList() : suite.Tasks.ToList();
        var samples = new List<Sample>();
        if (options.Samples is not null)
        {
            var set = SamplesReader.Read(options.Samples, suite);
            foreach (var problem in set.Problems)
            {
                diagnostics.Add(Diagnostic.Input(problem.Code, problem.Message, problem.File, problem.Line, problem.Field));
            }
            if (diagnostics.Any(d => d.IsError))
            {
                return JobFailure.Of<AuditReport>(diagnostics);
            }
            var ids = tasks.Select(t => t.TaskId).ToHashSet(StringComparer.Ordinal);
            samples.AddRange(set.Samples.Where(s => ids.Contains(s.TaskId)));
        }
        await using var engine = _engines.Start(options.Engine, diagnostics);
        if (engine is null)
        {
            return JobFailure.Of<AuditReport>(diagnostics);
        }
        // Reruns and the rounds of generated levels must not replay the store: they run on a second engine
        // without it, started only when needed.
        var needsFresh = options.Reruns > 0 || (options.Rounds > 0 && tasks.Any(t => t.Efficiency is not null));
        await using var fresh = needsFresh ? _engines.Start(options.Engine with { NoCache = true }, diagnostics) : null;
        if (needsFresh && fresh is null)
        {
            return JobFailure.Of<AuditReport>(diagnostics);
        }
        var runner = new AuditRunner(engine.Runner, fresh?.Runner ?? engine.Runner, options.Limits, progress);
        var audits = await runner.RunAsync(suite, tasks, samples, options.Reruns, options.Mutants, options.Rounds, cancel);
        var report = new AuditReport(suite.Name, suite.Tasks.Count, audits, options.Reruns, options.Mutants, options.Rounds,
            options.Samples, engine.Runner.Info.Isolation, Math.Round(_time.GetElapsedTime(clock).TotalSeconds, 1));
        return new JobResult<AuditReport>(report, diagnostics);
    }
}
