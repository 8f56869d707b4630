using System.Globalization;
using PerfJudge.Jobs;
using PerfJudge.Measurement;
using PerfJudge.Stress;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Runs <c>perfjudge stress</c>: calls the <see cref="StressJob"/> and renders its progress and outcome.</summary>
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
    public async Task<int> RunAsync(StressJobOptions options, CancellationToken cancel)
    {
        var job = new StressJob(new SandboxEngineFactory(), CliSuites.Resolver(), TimeProvider.System);
        var unit = "s";
        job.Started += s =>
        {
            unit = Meters.Unit(s.Search.Meter);
            _console.MarkupLineInterpolated($"[grey]suite[/] {s.Suite.Name} ({s.Tasks} tasks)  [grey]meter[/] {s.Search.Meter}  [grey]budget[/] {Cost(s.Search.Budget, unit)}  [grey]seed[/] {s.Search.Seed}  [grey]rounds[/] {s.Search.Rounds}  [grey]isolation[/] {s.Runner.Isolation}  [grey]python[/] {s.Runner.RuntimeVersion}");
        };
        job.TaskFinished += o => Progress(o);
        JobResult<StressResult> result;
        try
        {
            result = await job.RunAsync(options, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await _errors.WriteLineAsync("perfjudge: interrupted; nothing was written.");
            return 130;
        }
        DiagnosticWriter.Write(_errors, result.Diagnostics.Where(d => d.Code != "stress.none"), "perfjudge stress");
        if (result.Value is not { } done)
        {
            return DiagnosticWriter.ExitCode(result.Diagnostics);
        }
        var replayed = done.Outcomes.Count(o => o.FromStore);
        if (replayed > 0)
        {
            _console.MarkupLineInterpolated($"[grey]{replayed} task(s) replayed from {options.Engine.StorePath} (same task, options and seed on this machine); --fresh measures them again[/]");
        }
        StressTable.Render(_console, done.Outcomes, unit);
        var ok = done.Outcomes.Count(o => o.Succeeded);
        _console.MarkupLineInterpolated($"[grey]{ok} of {done.Outcomes.Count} tasks got a stress level in {done.WallSeconds:F1} s; suite written to[/] {done.SuitePath} [grey](judge it with: perfjudge eval --suite {done.SuitePath} --samples ...), measurements in[/] {done.ReportPath}");
        return DiagnosticWriter.ExitCode(result.Diagnostics);
    }

    private void Progress(StressOutcome o)
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
