using System.CommandLine;
using PerfJudge.Audit;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Reports;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge audit --suite S [--samples F]</c>: parses into <see cref="AuditOptions"/>, calls the
/// <see cref="AuditJob"/>, prints the summary and the tasks with findings, writes JSON/Markdown/HTML.</summary>
public static class AuditCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var suite = new Option<string>("--suite") { Description = "Built-in suite (demo, humaneval, humaneval+, mbpp+, enamel) or a suite file", Required = true };
        var samples = new Option<string?>("--samples") { Description = "Samples file: its samples are rerun (flaky verdicts) and measured (cost clusters)" };
        var reruns = new Option<int>("--reruns") { Description = "Reruns without the store that look for verdicts that change", DefaultValueFactory = _ => 2 };
        var mutants = new Option<int>("--mutants") { Description = "Mutants of each canonical solution at most (0: no weak-test check)", DefaultValueFactory = _ => 10 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of each cost measurement (0: no efficiency check)", DefaultValueFactory = _ => 5 };
        var tasks = new Option<int>("--tasks") { Description = "Audit only the first N tasks (0: all)", DefaultValueFactory = _ => 0 };
        var json = new Option<string?>("--json") { Description = "Write the audit (perfjudge.audit/1) here" };
        var markdown = new Option<string?>("--markdown") { Description = "Write the audit as Markdown here" };
        var html = new Option<string?>("--html") { Description = "Write the audit as an HTML page here" };
        var engine = new EngineOptionSet(timeout: 3.0);
        var command = new Command("audit", "Audit a suite: canonical solutions failing, flaky and weak tests, inputs that cannot tell fast from slow, duplicates")
        {
            suite, samples, reruns, mutants, rounds, tasks, json, markdown, html,
        };
        engine.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var options = new AuditOptions(parse.GetValue(suite)!, parse.GetValue(samples), ExecutionLimits.WithTimeout(parse.GetValue(engine.Timeout)),
                engine.Read(parse), parse.GetValue(reruns), parse.GetValue(mutants), parse.GetValue(rounds), parse.GetValue(tasks));
            var outputs = new[] { ("--json", parse.GetValue(json)), ("--markdown", parse.GetValue(markdown)), ("--html", parse.GetValue(html)) };
            var unwritable = OutputPaths.Check(outputs);
            if (unwritable.Count > 0)
            {
                DiagnosticWriter.Write(errors, unwritable, "perfjudge audit");
                return ExitCodes.InputOrEnvironment;
            }
            var job = new AuditJob(new SandboxEngineFactory(), CliSuites.Resolver(), TimeProvider.System);
            var result = await ProgressDisplay.RunAsync(console, progress => job.RunAsync(options, progress, cancel));
            DiagnosticWriter.Write(errors, result.Diagnostics, "perfjudge audit");
            if (result.Value is not { } report)
            {
                return DiagnosticWriter.ExitCode(result.Diagnostics);
            }
            Render(console, report);
            var texts = new[] { AuditDocument.Render(report), AuditMarkdown.Render(report), AuditMarkdown.RenderHtml(report) };
            for (var i = 0; i < outputs.Length; i++)
            {
                if (outputs[i].Item2 is { } path && OutputPaths.TryWrite(outputs[i].Item1, path, texts[i]) is { } problem)
                {
                    DiagnosticWriter.Write(errors, [problem], "perfjudge audit");
                    return ExitCodes.InputOrEnvironment;
                }
            }
            return DiagnosticWriter.ExitCode(result.Diagnostics);
        });
        return command;
    }

    private static void Render(IAnsiConsole console, AuditReport report)
    {
        var summary = new Table().AddColumn("check").AddColumn("finding");
        foreach (var (label, value) in AuditMarkdown.Summary(report))
        {
            summary.AddRow(Markup.Escape(label), Markup.Escape(value));
        }
        console.Write(summary);
        var findings = new Table().AddColumn("task").AddColumn("findings");
        foreach (var t in report.Tasks)
        {
            if (AuditMarkdown.Findings(t) is { Count: > 0 } list)
            {
                findings.AddRow(Markup.Escape(t.TaskId), Markup.Escape(string.Join("\n", list)));
            }
        }
        if (findings.Rows.Count > 0)
        {
            console.Write(findings);
        }
        console.MarkupLineInterpolated($"[grey]audit of {report.Suite}: {report.Tasks.Count} task(s) in {report.Seconds:F0} s, isolation {report.Isolation}[/]");
    }
}
