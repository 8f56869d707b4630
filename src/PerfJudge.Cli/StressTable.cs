using PerfJudge.Stress;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>The per-task summary of <c>perfjudge stress</c>.</summary>
public static class StressTable
{
    /// <summary>Renders one row per task.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<StressOutcome> outcomes, string unit)
    {
        var table = new Table().AddColumns("task", "method", "scale", "tests: ref costs", "tests ratio",
            "selected: ref costs", "selected ratio", "samples spread", "kept/cand", "discarded");
        foreach (var o in outcomes)
        {
            var discarded = o.Discarded.Count == 0 ? "-" : string.Join(", ", o.Discarded.Select(d => $"{d.Key} {d.Value}"));
            table.AddRow(
                Markup.Escape(o.TaskId),
                o.Succeeded ? o.Method ?? "" : "[red]failed[/]",
                o.Succeeded ? o.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                Costs(o.OriginalCosts, o.Raw?["original_unit"]?.GetValue<string>() ?? unit),
                StressHandler.Ratio(o.OriginalRatio),
                o.Succeeded ? Costs(o.SelectedCosts, unit) : Markup.Escape(o.Detail ?? ""),
                StressHandler.Ratio(o.SelectedRatio),
                (o.Raw?["selected_spread_censored"]?.GetValue<bool>() == true ? ">=" : "") + StressHandler.Ratio(o.SelectedSpread),
                $"{o.Kept}/{o.Candidates}",
                Markup.Escape(discarded));
        }
        console.Write(table);
        console.MarkupLine("[grey]ref costs: total over the inputs per reference, in suite order (median of rounds); ratio: slow / fast = last reference / first reference (one reference: -); samples spread: slowest / fastest correct sample over the selected inputs (>=: the slowest sample's count was capped)[/]");
    }

    private static string Costs(IReadOnlyList<double> costs, string unit) =>
        costs.Count == 0 ? "-" : string.Join(" / ", costs.Select(c => StressHandler.Cost(c, unit)));
}
