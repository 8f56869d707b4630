using System.CommandLine;
using PerfJudge.Reports;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge compare A [B]</c>: two runs, or two models of one run, task by task, with
/// paired significance tests and the tasks where they differ most.</summary>
public static class CompareCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var first = new Argument<string?>("a") { Description = "Run id or results .json file of A (default: the latest run)", Arity = ArgumentArity.ZeroOrOne };
        var second = new Argument<string?>("b") { Description = "Run id or results .json file of B (default: A, comparing two of its models)", Arity = ArgumentArity.ZeroOrOne };
        var modelA = new Option<string?>("--model-a") { Description = "Model of A (default: A's only model, or its first of two when B is omitted)" };
        var modelB = new Option<string?>("--model-b") { Description = "Model of B (default: B's only model, the same name as A's, or A's second model)" };
        var store = StoreOption.Create();
        var top = new Option<int>("--top") { Description = "How many most different tasks to list", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format", "-f") { Description = "table, json or md", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "md");
        var output = new Option<string?>("--out", "-o") { Description = "Write here instead of standard output" };
        var command = new Command("compare", "Compare two runs, or two models of one run, task by task with paired tests")
        {
            first, second, modelA, modelB, store, top, format, output,
        };
        ReportActions.Set(command, errors, parse =>
        {
            var storePath = parse.GetValue(store)!;
            var refA = parse.GetValue(first);
            var refB = parse.GetValue(second);
            var a = ReportSource.Load(refA, storePath);
            var b = refB is null ? a : ReportSource.Load(refB, storePath);
            var (ma, mb) = PickModels(a, b, refB is null, parse.GetValue(modelA), parse.GetValue(modelB));
            var labelA = refB is null ? ma : $"{ma} ({refA ?? "latest"})";
            var labelB = refB is null ? mb : $"{mb} ({refB})";
            var comparison = RunComparison.Compare(a, ma, b, mb, labelA, labelB);
            if (comparison.Tasks.Count == 0)
            {
                throw new UsageException($"{labelA} and {labelB} share no task");
            }
            var n = Math.Max(0, parse.GetValue(top));
            var text = parse.GetValue(format) switch
            {
                "json" => ComparisonRenderer.Json(comparison, n),
                "md" => ComparisonRenderer.Markdown(comparison, n),
                _ => null,
            };
            return ReportCommand.Emit(console, parse.GetValue(output), text, () => Table(console, comparison, n));
        });
        return command;
    }

    private static (string A, string B) PickModels(Report a, Report b, bool sameRun, string? modelA, string? modelB)
    {
        var inA = a.RealModels.Select(m => m.Model).ToList();
        var inB = b.RealModels.Select(m => m.Model).ToList();
        if (sameRun)
        {
            modelA ??= inA.Count == 2 ? inA[0] : throw new UsageException($"name the two models with --model-a and --model-b (the run has: {string.Join(", ", inA)})");
            modelB ??= inA.Count == 2 ? inA.First(m => m != modelA) : throw new UsageException($"name the second model with --model-b (the run has: {string.Join(", ", inA)})");
        }
        else
        {
            modelA ??= inA.Count == 1 ? inA[0] : throw new UsageException($"A has several models; pick one with --model-a ({string.Join(", ", inA)})");
            modelB ??= inB.Count == 1 ? inB[0] : inB.Contains(modelA) ? modelA
                : throw new UsageException($"B has several models; pick one with --model-b ({string.Join(", ", inB)})");
        }
        if (!inA.Contains(modelA)) throw new UsageException($"--model-a: no model '{modelA}' in A (it has: {string.Join(", ", inA)})");
        if (!inB.Contains(modelB)) throw new UsageException($"--model-b: no model '{modelB}' in B (it has: {string.Join(", ", inB)})");
        if (sameRun && modelA == modelB) throw new UsageException("--model-a and --model-b name the same model of the same run");
        return (modelA, modelB);
    }

    private static void Table(IAnsiConsole console, RunComparison c, int top)
    {
        console.MarkupLineInterpolated($"[bold]A[/] {c.A}  [bold]B[/] {c.B}  [grey]{c.Tasks.Count} shared tasks; only in A: {c.OnlyA}, only in B: {c.OnlyB}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("per task", "A", "B", "B - A [[95% CI]]", "Wilcoxon p", "sign-flip p");
        foreach (var (name, s) in ComparisonRenderer.Summaries(c))
        {
            table.AddRow(name, ComparisonRenderer.F(s.MeanA), ComparisonRenderer.F(s.MeanB), Markup.Escape($"{ComparisonRenderer.F(s.Difference)} [{ComparisonRenderer.F(s.Low)}, {ComparisonRenderer.F(s.High)}]"), ComparisonRenderer.P(s.Wilcoxon), ComparisonRenderer.P(s.SignFlip));
        }
        console.Write(table);
        if (c.McNemar is { } m)
        {
            console.MarkupLineInterpolated($"McNemar exact (one sample per task): p = {ComparisonRenderer.P(m)}, {m.N} discordant task(s)");
        }
        var diff = new Table().Border(TableBorder.Rounded).AddColumns("task", "pass A", "pass B", "eff A", "eff B");
        foreach (var t in c.MostDifferent(top))
        {
            diff.AddRow(Markup.Escape(t.TaskId), ComparisonRenderer.F(t.PassA), ComparisonRenderer.F(t.PassB), ComparisonRenderer.F(t.EfficiencyA), ComparisonRenderer.F(t.EfficiencyB));
        }
        console.MarkupLine("[grey]tasks where they differ most:[/]");
        console.Write(diff);
    }
}
