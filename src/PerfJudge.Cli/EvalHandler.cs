using PerfJudge.Jobs;
using PerfJudge.Reports;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Runs <c>perfjudge eval</c>: calls the <see cref="EvalJob"/> and renders what it returns.</summary>
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
    public async Task<int> RunAsync(EvalOptions options, EvalOutput output, CancellationToken cancel)
    {
        var job = new EvalJob(new SandboxEngineFactory(), CliSuites.Resolver(), TimeProvider.System);
        job.Started += s => _console.MarkupLineInterpolated(
            $"[grey]suite[/] {s.Suite.Name} ({s.Suite.Tasks.Count} tasks)  [grey]samples[/] {s.Samples}  [grey]isolation[/] {s.Runner.Isolation}  [grey]python[/] {s.Runner.RuntimeVersion}  [grey]jobs[/] {s.Runner.Parallelism}");
        JobResult<EvalOutcome> result;
        try
        {
            result = await ProgressDisplay.RunAsync(_console, progress => job.RunAsync(options, progress, cancel));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await _errors.WriteLineAsync("perfjudge: interrupted; finished results are stored, rerun to resume.");
            return 130;
        }
        DiagnosticWriter.Write(_errors, result.Diagnostics, "perfjudge eval");
        if (!result.Succeeded)
        {
            return DiagnosticWriter.ExitCode(result.Diagnostics);
        }
        var outcome = result.Value!;
        var report = outcome.Report;
        if (report.Run.Meter is { } meter)
        {
            _console.MarkupLineInterpolated($"[grey]meter {meter}, alpha {options.Alpha}, rounds {outcome.Rounds}, seed {options.Seed}; {outcome.Scored} scored tasks[/]");
            if (outcome.Left > 0)
            {
                _console.MarkupLineInterpolated($"[yellow]{outcome.Left} sample(s) of tasks the protocol does not score were left out[/]");
            }
        }
        SummaryTable.Render(_console, MetricFilter.Apply(report.Models, output.Metrics));
        _console.MarkupLineInterpolated($"[grey]{report.Rows.Count} samples in {report.Run.WallSeconds:F1} s ({report.Rows.Count(r => r.Cached)} from the store)[/]");
        if (report.Run.Id is not null)
        {
            _console.MarkupLineInterpolated($"[grey]run[/] {report.Run.Id} [grey]recorded in[/] {PerfJudge.Storage.ResultStores.Display(options.Engine.StorePath)} [grey](perfjudge report --run {report.Run.Id})[/]");
        }
        var written = Write("--json", output.JsonPath, () => outcome.Document, "results written to")
            && Write("--html", output.HtmlPath, () => HtmlReport.Render(report, CostQualityDefaults.FromSamples(report)), "HTML report written to")
            && (outcome.HumanEvalFiles ?? []).All(f => Write("--humaneval-results", f.Path, () => f.Text,
                $"human-eval results ({f.Lines} lines{(f.Unjudged > 0 ? $", {f.Unjudged} unjudged left out" : "")}) written to"));
        return written ? ExitCodes.Done : ExitCodes.InputOrEnvironment;
    }

    private bool Write(string option, string? path, Func<string> text, string done)
    {
        if (path is null)
        {
            return true;
        }
        if (OutputPaths.TryWrite(option, path, text()) is { } problem)
        {
            DiagnosticWriter.Write(_errors, [problem], "perfjudge eval");
            return false;
        }
        _console.MarkupLineInterpolated($"[grey]{done}[/] {path}");
        return true;
    }
}
