using System.Globalization;
using System.Text;
using PerfJudge.Results;

namespace PerfJudge.Reports;

/// <summary>Renders a <see cref="Report"/> as GitHub-flavoured Markdown: run facts, leaderboard,
/// per-task table, cost–quality table when given.</summary>
public static class MarkdownReport
{
    /// <summary>The Markdown text.</summary>
    public static string Render(Report report, CostQuality? costQuality = null)
    {
        var primary = ReportViews.PrimaryMetric(report);
        var metrics = ReportViews.MetricNames(report);
        var md = new StringBuilder();
        md.Append("# PerfJudge report: ").Append(E(report.Suite)).Append("\n\n");
        var r = report.Run;
        md.Append(r.Id is null ? "" : $"run `{E(r.Id)}` · ").Append("started ")
            .Append(r.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
            .Append(" · isolation ").Append(E(r.Isolation)).Append(" · python ").Append(E(r.PythonVersion));
        if (r.Meter is not null)
        {
            md.Append(" · meter ").Append(E(r.Meter));
        }
        md.Append("\n\n## Leaderboard\n\nRanked by ").Append(E(primary)).Append("; 95% bootstrap intervals over tasks.\n\n");
        md.Append("| rank | model | samples | tasks | ").Append(string.Join(" | ", metrics.Select(E))).Append(" |\n");
        md.Append("|---:|:---|---:|---:|").Append(string.Concat(metrics.Select(_ => "---:|"))).Append('\n');
        var rank = 0;
        foreach (var s in ReportViews.Leaderboard(report, primary).Concat(report.Models.Except(report.RealModels)))
        {
            var real = s.Model != SummaryBuilder.AllModels;
            md.Append("| ").Append(real ? N(++rank) : "").Append(" | ").Append(E(s.Model)).Append(" | ").Append(N(s.Samples))
                .Append(" | ").Append(N(s.Tasks)).Append(" | ")
                .Append(string.Join(" | ", metrics.Select(m => E(ReportViews.FormatMetric(s.Metrics.GetValueOrDefault(m)))))).Append(" |\n");
        }
        if (costQuality is not null)
        {
            md.Append("\n## Cost and quality\n\n| model | ").Append(E(costQuality.CostLabel)).Append(" | ").Append(E(costQuality.QualityLabel))
                .Append(" | on the front | dominated by |\n|:---|---:|---:|:---|:---|\n");
            foreach (var p in costQuality.Points.OrderBy(p => p.Cost).ThenByDescending(p => p.Quality))
            {
                md.Append("| ").Append(E(p.Name)).Append(" | ").Append(p.Cost.ToString("G4", CultureInfo.InvariantCulture)).Append(" | ")
                    .Append(ReportViews.Format(p.Quality)).Append(" | ").Append(p.OnFront ? "yes" : "no").Append(" | ")
                    .Append(E(string.Join(", ", p.DominatedBy))).Append(" |\n");
            }
        }
        var models = report.RealModels.Select(m => m.Model).ToList();
        var cells = ReportViews.Heatmap(report).ToDictionary(c => (c.TaskId, c.Model));
        md.Append("\n## Per task\n\npassed/samples").Append(report.HasEfficiency ? ", mean efficiency" : "").Append(".\n\n| task | ")
            .Append(string.Join(" | ", models.Select(E))).Append(" |\n|:---|").Append(string.Concat(models.Select(_ => "---:|"))).Append('\n');
        foreach (var task in report.TaskIds)
        {
            md.Append("| ").Append(E(task)).Append(" | ").Append(string.Join(" | ", models.Select(m => cells.TryGetValue((task, m), out var c)
                ? N(c.Passed) + "/" + N(c.Samples) + (c.MeanEfficiency is null ? "" : ", " + ReportViews.Format(c.MeanEfficiency, 2))
                : ""))).Append(" |\n");
        }
        return md.ToString();
    }

    /// <summary>Escapes text for a Markdown table cell: no HTML, no emphasis, no cell breaks.</summary>
    public static string E(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '|' or '\\' or '*' or '_' or '`' or '[' or ']' or '#' => "\\" + c,
                '\n' or '\r' or '\t' => " ",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
