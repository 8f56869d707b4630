using System.Diagnostics;
using PerfJudge.Evaluation;
using PerfJudge.Reports;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Sandbox;
using PerfJudge.Storage;
using PerfJudge.Tasks;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Runs <c>perfjudge eval</c> once its settings are valid.</summary>
public sealed class EvalHandler
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _errors;

    /// <summary>Creates the handler.</summary>
    public EvalHandler(IAnsiConsole console, TextWriter errors)
    {
        _console = console;
        _errors = errors;
    }

    /// <summary>Runs the evaluation and returns the exit code.</summary>
    public async Task<int> RunAsync(EvalSettings settings, CancellationToken cancel)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            var resolver = CliSuites.Resolver();
            var suite = await resolver.ResolveAsync(settings.Suite, cancel);
            var samples = LoadSamples(settings, suite, resolver);
            if (samples is null)
            {
                return ExitCodes.InputOrEnvironment;
            }
            var setup = EngineSetup.Create(settings.Isolation, settings.Python, _errors);
            if (setup is null)
            {
                return ExitCodes.InputOrEnvironment;
            }
            var (python, command, level) = setup;
            _console.MarkupLineInterpolated($"[grey]suite[/] {suite.Name} ({suite.Tasks.Count} tasks)  [grey]samples[/] {samples.Count}  [grey]isolation[/] {level.Name()}  [grey]python[/] {python.Version}  [grey]jobs[/] {settings.Jobs}");
            using IResultStore store = settings.NoCache ? new NullResultStore() : new SqliteResultStore(settings.StorePath);
            await using var pool = new WorkerPool(command, level, settings.Jobs);
            IReadOnlyList<SampleResult> results;
            string? meterUsed = null;
            if (suite.Tasks.Any(t => t.Efficiency is not null))
            {
                var meter = MeterChoice.Resolve(settings.Meter, _errors);
                if (meter is null)
                {
                    return ExitCodes.InputOrEnvironment;
                }
                meterUsed = meter;
                // Each program runs all cases of a task in one process: its CPU budget covers them all,
                // while each case gets its own limit from the references.
                var options = new EfficiencyOptions(settings.Limits with { CpuSeconds = Math.Max(60, settings.Limits.CpuSeconds) },
                    settings.Rounds, settings.Alpha, settings.Seed, meter);
                var evaluator = new EfficiencyEvaluator(pool, store, python.Version);
                results = await ProgressDisplay.RunAsync(_console, progress =>
                    evaluator.RunAsync(suite, samples, options, progress, cancel), "tasks");
                var left = samples.Count - results.Count;
                _console.MarkupLineInterpolated($"[grey]meter {meter}, alpha {settings.Alpha}, rounds {settings.Rounds}, seed {settings.Seed}; {results.Select(r => r.Sample.TaskId).Distinct().Count()} scored tasks[/]");
                if (left > 0)
                {
                    _console.MarkupLineInterpolated($"[yellow]{left} sample(s) of tasks the protocol does not score were left out[/]");
                }
            }
            else
            {
                var evaluator = new Evaluator(pool, store, python.Version);
                results = await ProgressDisplay.RunAsync(_console, progress =>
                    evaluator.RunAsync(suite, samples, settings.Limits, settings.Jobs, progress, cancel), "samples");
            }
            var summaries = SummaryBuilder.Build(results, settings.Ks);
            SummaryTable.Render(_console, MetricFilter.Apply(summaries, settings.Metrics));
            var wall = clock.Elapsed.TotalSeconds;
            _console.MarkupLineInterpolated($"[grey]{results.Count} samples in {wall:F1} s ({results.Count(r => r.Cached)} from the store)[/]");
            var run = new RunInfo(started, wall, level.Name(), python.Version, settings.Limits.WallSeconds,
                typeof(Evaluator).Assembly.GetName().Version?.ToString() ?? "0", meterUsed,
                meterUsed is null ? null : PerfJudge.Measurement.Meters.Unit(meterUsed), Id: settings.NoCache ? null : RunIds.New(started));
            var report = Report.From(suite.Name, summaries, results, run);
            var document = ResultsDocument.Render(report);
            if (run.Id is not null)
            {
                store.PutRun(new StoredRun(run.Id, started, suite.Name, report.RealModels.Count, results.Count), document);
                _console.MarkupLineInterpolated($"[grey]run[/] {run.Id} [grey]recorded in[/] {settings.StorePath} [grey](perfjudge report --run {run.Id})[/]");
            }
            if (settings.JsonOut is not null)
            {
                AtomicFile.Write(settings.JsonOut, document);
                _console.MarkupLineInterpolated($"[grey]results written to[/] {settings.JsonOut}");
            }
            if (settings.HtmlOut is not null)
            {
                AtomicFile.Write(settings.HtmlOut, HtmlReport.Render(report, CostQualityDefaults.FromSamples(report)));
                _console.MarkupLineInterpolated($"[grey]HTML report written to[/] {settings.HtmlOut}");
            }
            return ExitCodes.Done;
        }
        catch (SuiteFormatException ex)
        {
            await _errors.WriteLineAsync("perfjudge: " + ex.Message);
            return ExitCodes.InputOrEnvironment;
        }
        catch (InvalidOperationException ex)
        {
            await _errors.WriteLineAsync("perfjudge: " + ex.Message);
            return ExitCodes.InputOrEnvironment;
        }
        catch (UsageException ex)
        {
            await _errors.WriteLineAsync("perfjudge eval: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await _errors.WriteLineAsync("perfjudge: interrupted; finished results are stored, rerun to resume.");
            return 130;
        }
    }

    private List<Sample>? LoadSamples(EvalSettings settings, TaskSuite suite, SuiteResolver resolver)
    {
        var path = settings.Samples;
        if (path is null)
        {
            if (!string.Equals(settings.Suite, "demo", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException("--samples is required for this suite (or --samples canonical to judge its reference solutions)");
            }
            path = resolver.DemoSamplesPath;
        }
        if (path == "canonical")
        {
            return suite.Tasks.Select((t, i) => new Sample("canonical", t.TaskId, 0, t.ReferenceProgram, i + 1,
                new Dictionary<string, double>())).ToList();
        }
        var set = SamplesReader.Read(path, suite);
        foreach (var problem in set.Problems.Take(50))
        {
            _errors.WriteLine(problem.ToString());
        }
        if (set.Problems.Count > 50)
        {
            _errors.WriteLine($"... and {set.Problems.Count - 50} more problems");
        }
        if (set.Problems.Count > 0 && !settings.SkipInvalid)
        {
            _errors.WriteLine($"perfjudge: {set.Problems.Count} invalid sample line(s) in {path}; fix them or pass --skip-invalid to evaluate the {set.Samples.Count} valid one(s).");
            return null;
        }
        if (set.Samples.Count == 0)
        {
            _errors.WriteLine($"perfjudge: no valid samples in {path}");
            return null;
        }
        return set.Samples.ToList();
    }
}
