using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using PerfJudge.Evaluation;
using PerfJudge.Runners;
using PerfJudge.Sandbox;
using PerfJudge.Storage;
using PerfJudge.Stress;
using PerfJudge.Tasks;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Runs <c>perfjudge stress</c> once its settings are valid.</summary>
public sealed class StressHandler
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _errors;

    /// <summary>Creates the handler.</summary>
    public StressHandler(IAnsiConsole console, TextWriter errors)
    {
        _console = console;
        _errors = errors;
    }

    /// <summary>Searches, writes the suite and the report, prints the table; returns the exit code.</summary>
    public async Task<int> RunAsync(StressSettings settings, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var resolver = CliSuites.Resolver();
            var suite = await resolver.ResolveAsync(settings.Suite, cancel);
            if (suite.Source.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException("stress needs a HumanEval-format suite (JSONL); ENAMEL's CSV has no second reference");
            }
            var targets = StressTarget.Load(suite);
            if (settings.Tasks.Count > 0)
            {
                var unknown = settings.Tasks.Where(t => !suite.TryGet(t, out _)).ToList();
                if (unknown.Count > 0)
                {
                    throw new UsageException($"--task: no task {string.Join(", ", unknown.Select(u => $"'{u}'"))} in suite {suite.Name}");
                }
                targets = targets.Where(t => settings.Tasks.Contains(t.Task.TaskId)).ToList();
            }
            var setup = EngineSetup.Create(settings.Isolation, settings.Python, _errors);
            var meter = setup is null ? null : MeterChoice.Resolve(settings.Options.Meter, _errors);
            if (setup is null || meter is null)
            {
                return ExitCodes.InputOrEnvironment;
            }
            var options = settings.Options with { Meter = meter, Budget = settings.Budget ?? (meter == "instructions" ? 3e8 : 0.1) };
            var unit = PerfJudge.Measurement.Meters.Unit(meter);
            _console.MarkupLineInterpolated($"[grey]suite[/] {suite.Name} ({targets.Count} tasks)  [grey]meter[/] {meter}  [grey]budget[/] {Cost(options.Budget, unit)}  [grey]seed[/] {options.Seed}  [grey]rounds[/] {options.Rounds}  [grey]isolation[/] {setup.Level.Name()}  [grey]python[/] {setup.Python.Version}");
            await using var pool = new WorkerPool(setup.Command, setup.Level, settings.Jobs);
            using var store = new SqliteResultStore(settings.StorePath);
            IResultStore searches = settings.Fresh ? new WriteOnlyStore(store) : store;
            var outcomes = await new StressRunner(pool, searches, setup.Python.Version).RunAsync(targets, options, o => Progress(o, unit), cancel);
            var replayed = outcomes.Count(o => o.FromStore);
            if (replayed > 0)
            {
                _console.MarkupLineInterpolated($"[grey]{replayed} task(s) replayed from {settings.StorePath} (same task, options and seed on this machine); --fresh measures them again[/]");
            }
            StressTable.Render(_console, outcomes, unit);
            Directory.CreateDirectory(settings.OutDir);
            var suitePath = Path.Combine(settings.OutDir, "tasks.jsonl");
            var reportPath = Path.Combine(settings.OutDir, "report.json");
            StressSuiteWriter.Write(suitePath, targets, outcomes, options);
            var run = new JsonObject
            {
                ["suite"] = suite.Source,
                ["meter"] = meter,
                ["unit"] = unit,
                ["isolation"] = setup.Level.Name(),
                ["python"] = setup.Python.Version,
                ["environment"] = MachineFingerprint.Current,
                ["wall_s"] = clock.Elapsed.TotalSeconds,
            };
            StressSuiteWriter.WriteReport(reportPath, outcomes, options, run);
            var ok = outcomes.Count(o => o.Succeeded);
            _console.MarkupLineInterpolated($"[grey]{ok} of {outcomes.Count} tasks got a stress level in {clock.Elapsed.TotalSeconds:F1} s; suite written to[/] {suitePath} [grey](judge it with: perfjudge eval --suite {suitePath} --samples ...), measurements in[/] {reportPath}");
            return ok > 0 ? ExitCodes.Done : ExitCodes.InputOrEnvironment;
        }
        catch (SuiteFormatException ex)
        {
            await _errors.WriteLineAsync("perfjudge: " + ex.Message);
            return ExitCodes.InputOrEnvironment;
        }
        catch (UsageException ex)
        {
            await _errors.WriteLineAsync("perfjudge stress: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await _errors.WriteLineAsync("perfjudge: interrupted; nothing was written.");
            return 130;
        }
    }

    private void Progress(StressOutcome o, string unit)
    {
        if (o.Succeeded)
        {
            _console.MarkupLineInterpolated($"[green]{o.TaskId}[/]: {o.Method}, scale {o.Scale}, ratio {Ratio(o.OriginalRatio)} on tests -> {Ratio(o.SelectedRatio)} on {o.Kept} selected input(s)");
        }
        else
        {
            _console.MarkupLineInterpolated($"[red]{o.TaskId}[/]: no stress level: {o.Detail}");
        }
        foreach (var note in o.Notes.Take(3))
        {
            _console.MarkupLineInterpolated($"  [grey]{note}[/]");
        }
    }

    /// <summary>A cost for display.</summary>
    public static string Cost(double value, string unit) => unit == "s"
        ? value >= 1 ? value.ToString("F2", CultureInfo.InvariantCulture) + " s" : (value * 1e3).ToString("G3", CultureInfo.InvariantCulture) + " ms"
        : value.ToString("G3", CultureInfo.InvariantCulture) + " " + unit;

    /// <summary>A ratio for display.</summary>
    public static string Ratio(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) + "x" : "-";
}
