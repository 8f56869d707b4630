using PerfJudge.Reports;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Renders a report on the terminal: run facts, the ranked leaderboard, per-task outcomes.</summary>
public static class TableReport
{
    /// <summary>Writes the report to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, Report report, IReadOnlyList<string>? families)
    {
        var r = report.Run;
        console.MarkupLineInterpolated($"[bold]{report.Suite}[/]  [grey]run[/] {r.Id ?? "-"}  [grey]started[/] {r.StartedUtc:yyyy-MM-dd HH:mm:ss}Z  [grey]isolation[/] {r.Isolation}  [grey]python[/] {r.PythonVersion}{(r.Meter is null ? "" : "  meter " + r.Meter)}");
        var primary = ReportViews.PrimaryMetric(report);
        var ranked = ReportViews.Leaderboard(report, primary).Concat(report.Models.Except(report.RealModels)).ToList();
        SummaryTable.Render(console, MetricFilter.Apply(ranked, families));
        console.MarkupLineInterpolated($"[grey]ranked by {primary}; {report.Rows.Count} samples, {report.TaskIds.Count} tasks, {report.Rows.Count(x => !x.Passed)} not passed[/]");
    }
}
