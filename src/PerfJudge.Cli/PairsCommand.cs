using System.CommandLine;
using System.Globalization;
using PerfJudge.Jobs;
using PerfJudge.Pairs;
using PerfJudge.Reports;
using PerfJudge.Storage;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>The <c>pairs</c> command: preference pairs (efficiency, correctness) from a judged run.</summary>
public static class PairsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var run = new Option<string?>("--run") { Description = "Run id in the store, or a results .json file (default: the latest run)" };
        var store = StoreOption.Create();
        var samples = new Option<string?>("--samples") { Description = "The samples file the run judged (default for the demo suite: its demo samples)" };
        var suite = new Option<string?>("--suite") { Description = "The suite the run judged (default: the run's built-in suite)" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the pairs here as JSON lines (perfjudge.pairs/1)" };
        var minRatio = new Option<double>("--min-ratio") { Description = "Efficiency pairs: cost ratio (slower/faster) at least this", DefaultValueFactory = _ => 1.5 };
        var level = new Option<double>("--level") { Description = "Confidence level of the ratio's interval, which must exclude 1", DefaultValueFactory = _ => 0.95 };
        var minCases = new Option<int>("--min-cases") { Description = "Efficiency pairs: scored cases needed", DefaultValueFactory = _ => 5 };
        var maxPerTask = new Option<int>("--max-per-task") { Description = "Pairs of each kind per task at most", DefaultValueFactory = _ => 10 };
        var kind = new Option<string>("--kind") { Description = "efficiency, correctness or both", DefaultValueFactory = _ => "both" };
        kind.AcceptOnlyFromAmong("efficiency", "correctness", "both");
        var chat = new Option<bool>("--chat") { Description = "Write each pair as chat messages, twice (chosen program first, then second)" };
        var command = new Command("pairs", "Preference pairs from a judged run: correct samples with a significant cost ratio (efficiency), correct vs incorrect (correctness)")
        {
            run, store, samples, suite, output, minRatio, level, minCases, maxPerTask, kind, chat,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var which = parse.GetValue(kind)!;
            var criteria = new PairCriteria(parse.GetValue(minRatio), parse.GetValue(level), parse.GetValue(minCases), parse.GetValue(maxPerTask),
                which != "correctness", which != "efficiency");
            var options = new PairsOptions(parse.GetValue(run), parse.GetValue(store)!, parse.GetValue(samples), parse.GetValue(suite), criteria, parse.GetValue(chat));
            var result = await new PairsJob(CliSuites.Resolver(), path => new SqliteResultStore(path)).RunAsync(options, cancel);
            DiagnosticWriter.Write(errors, result.Diagnostics, "perfjudge pairs");
            if (!result.Succeeded)
            {
                return DiagnosticWriter.ExitCode(result.Diagnostics);
            }
            Render(console, result.Value!);
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.Write(path, result.Value!.Document);
                console.MarkupLineInterpolated($"[grey]pairs written to[/] {path}");
            }
            return ExitCodes.Done;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, PairsOutcome outcome)
    {
        var pairs = outcome.Set.Pairs;
        var unit = outcome.Source.CostUnit ?? "";
        var table = new Table().AddColumns("task", "kind", "chosen", "rejected", "ratio", "ci95", "evidence");
        foreach (var p in pairs)
        {
            var ratio = p.Ratio is { } r ? F(r.Ratio, "0.00") : "";
            var ci = p.Ratio is { } c ? $"[{F(c.Low, "0.00")}, {F(c.High, "0.00")}]" : "";
            var costs = p.Chosen.Cost is { } a && p.Rejected.Cost is { } b ? $"cost {F(a, "G4")} / {F(b, "G4")} {unit}" : "rejected: " + p.Rejected.Verdict;
            table.AddRow(Markup.Escape(p.TaskId), p.Kind, Markup.Escape($"{p.Chosen.Model}#{p.Chosen.Sample}"),
                Markup.Escape($"{p.Rejected.Model}#{p.Rejected.Sample}"), ratio, Markup.Escape(ci), Markup.Escape(costs));
        }
        if (pairs.Count > 0)
        {
            console.Write(table);
        }
        var skipped = string.Join(", ", outcome.Set.Skipped.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"));
        console.MarkupLineInterpolated(
            $"[grey]{pairs.Count(p => p.Kind == "efficiency")} efficiency and {pairs.Count(p => p.Kind == "correctness")} correctness pair(s) from run {outcome.Source.RunId ?? "(file)"} (meter {outcome.Source.Meter ?? "none"}); left out: {(skipped.Length == 0 ? "none" : skipped)}[/]");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
