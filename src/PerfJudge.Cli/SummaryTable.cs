using PerfJudge.Reports;
using PerfJudge.Results;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>The per-model summary table printed after a run, laid out by <see cref="SummaryLayout"/>
/// to fit the console width: no header is cut and no number broken.</summary>
public static class SummaryTable
{
    /// <summary>Renders one row per model: samples, tasks, each metric with its 95% CI, verdict counts,
    /// isolation; then why each n/a is one.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<ModelSummary> summaries)
    {
        var layout = SummaryLayout.Plan(summaries, console.Profile.Width);
        if (layout.CountsApart)
        {
            console.Write(Table(summaries, layout, [], counts: true));
        }
        foreach (var group in layout.MetricGroups)
        {
            if (!layout.CountsApart || group.Count > 0)
            {
                console.Write(Table(summaries, layout, group, counts: !layout.CountsApart));
            }
        }
        var isolation = summaries.Select(s => s.Isolation).Distinct(StringComparer.Ordinal).ToList();
        var caption = "values with their 95% bootstrap CI [low, high] over tasks" + (layout.IsolationColumn || isolation.Count == 0 ? "" : $"; isolation {isolation[0]}");
        console.MarkupLine($"[grey]{Markup.Escape(caption)}[/]");
        foreach (var note in SummaryLayout.Notes(summaries))
        {
            console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        }
    }

    private static Table Table(IReadOnlyList<ModelSummary> summaries, SummaryLayout layout, IReadOnlyList<string> metrics, bool counts)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("model").NoWrap());
        if (counts)
        {
            table.AddColumn(new TableColumn("samples").RightAligned().NoWrap());
            table.AddColumn(new TableColumn("tasks").RightAligned().NoWrap());
        }
        foreach (var name in metrics)
        {
            table.AddColumn(new TableColumn(Markup.Escape(SummaryLayout.Header(name))).RightAligned().NoWrap());
        }
        if (counts)
        {
            table.AddColumn(new TableColumn("verdicts").NoWrap());
            if (layout.IsolationColumn)
            {
                table.AddColumn(new TableColumn("isolation").NoWrap());
            }
        }
        foreach (var s in summaries)
        {
            var cells = new List<string> { Markup.Escape(s.Model) };
            if (counts)
            {
                cells.Add(s.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture));
                cells.Add(s.Tasks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            cells.AddRange(metrics.Select(name => Format(SummaryLayout.Cell(s.Metrics.GetValueOrDefault(name), layout.Stacked))));
            if (counts)
            {
                cells.Add(Markup.Escape(SummaryLayout.Verdicts(s, layout.Stacked)));
                if (layout.IsolationColumn)
                {
                    cells.Add(Markup.Escape(s.Isolation));
                }
            }
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    /// <summary>The interval in grey, n/a in yellow.</summary>
    private static string Format(string cell)
    {
        if (cell == "n/a")
        {
            return "[yellow]n/a[/]";
        }
        var open = cell.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? Markup.Escape(cell) : Markup.Escape(cell[..open]) + "[grey]" + Markup.Escape(cell[open..]) + "[/]";
    }
}
