using System.Globalization;
using PerfJudge.Judging;
using PerfJudge.Results;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>The per-model summary table printed after a run.</summary>
public static class SummaryTable
{
    /// <summary>Renders one row per model: samples, tasks, pass@k with 95% CI, verdict counts, isolation.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<ModelSummary> summaries)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("model");
        table.AddColumn(new TableColumn("samples").RightAligned());
        table.AddColumn(new TableColumn("tasks").RightAligned());
        var metricNames = summaries.SelectMany(s => s.Metrics.Keys).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in metricNames)
        {
            table.AddColumn(new TableColumn(Markup.Escape(name + " [95% CI]")).RightAligned());
        }
        table.AddColumn("verdicts");
        table.AddColumn("isolation");
        foreach (var s in summaries)
        {
            var cells = new List<string> { Markup.Escape(s.Model), Num(s.Samples), Num(s.Tasks) };
            foreach (var name in metricNames)
            {
                cells.Add(s.Metrics.TryGetValue(name, out var m) ? Format(m) : "");
            }
            cells.Add(string.Join(" ", s.Verdicts.Where(v => v.Value > 0).Select(v => $"{v.Key.Name()}={Num(v.Value)}")));
            cells.Add(Markup.Escape(s.Isolation));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(MetricValue m) => m.Value is null
        ? "[yellow]n/a[/]"
        : string.Create(CultureInfo.InvariantCulture, $"{m.Value:F3} [grey][[{m.Low:F3}, {m.High:F3}]][/]");
}
