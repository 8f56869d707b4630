using System.Globalization;
using System.Text;
using PerfJudge.Results;

namespace PerfJudge.Reports;

/// <summary>The tables of the HTML report; every text from a run is escaped.</summary>
internal static class HtmlTables
{
    public static void Leaderboard(StringBuilder h, Report report, string primary)
    {
        var metrics = ReportViews.MetricNames(report);
        h.Append("<table class=\"leaderboard\">\n<tr><th>rank</th><th class=\"l\">model</th><th>samples</th><th>tasks</th>");
        foreach (var m in metrics)
        {
            h.Append("<th>").Append(E(m)).Append(" [95% CI]</th>");
        }
        var memory = report.Rows.Any(r => r.PeakMemoryKb is not null);
        if (memory)
        {
            h.Append("<th>peak memory, median</th>");
        }
        h.Append("<th class=\"l\">verdicts</th></tr>\n");
        var rank = 0;
        foreach (var s in ReportViews.Leaderboard(report, primary).Concat(report.Models.Except(report.RealModels)))
        {
            var real = s.Model != SummaryBuilder.AllModels;
            h.Append("<tr><td>").Append(real ? (++rank).ToString(CultureInfo.InvariantCulture) : "").Append("</td><td class=\"l\">")
                .Append(E(s.Model)).Append("</td><td>").Append(N(s.Samples)).Append("</td><td>").Append(N(s.Tasks)).Append("</td>");
            foreach (var m in metrics)
            {
                s.Metrics.TryGetValue(m, out var value);
                h.Append("<td title=\"").Append(E(value?.Reason)).Append("\">").Append(E(ReportViews.FormatMetric(value))).Append("</td>");
            }
            if (memory)
            {
                h.Append("<td>").Append(E(ReportViews.PeakMemory(report, s.Model))).Append("</td>");
            }
            h.Append("<td class=\"l\">").Append(E(string.Join(" ", s.Verdicts.Where(v => v.Value > 0)
                .Select(v => $"{Judging.VerdictNames.Name(v.Key)}={N(v.Value)}")))).Append("</td></tr>\n");
        }
        h.Append("</table>\n<p class=\"note\">Ranked by ").Append(E(primary))
            .Append(". Intervals: 95% percentile bootstrap over tasks; n/a: not computable (hover for the reason).")
            .Append(memory ? " Peak memory: each sample's high-water mark from its cgroup (all its processes) where the machine has cgroups, else its peak RSS." : "")
            .Append("</p>\n");
    }

    public static void Pareto(StringBuilder h, CostQuality cq)
    {
        h.Append("<table class=\"pareto\">\n<tr><th class=\"l\">model</th><th>").Append(E(cq.CostLabel)).Append("</th><th>")
            .Append(E(cq.QualityLabel)).Append("</th><th class=\"l\">on the front</th><th class=\"l\">dominated by</th></tr>\n");
        foreach (var p in cq.Points.OrderBy(p => p.Cost).ThenByDescending(p => p.Quality))
        {
            h.Append("<tr><td class=\"l\">").Append(E(p.Name)).Append("</td><td>").Append(E(AxisLabels.Number(p.Cost)))
                .Append(p.CostCi is { } c ? $" <span class=\"ci\">[{E(AxisLabels.Number(c.Low))}, {E(AxisLabels.Number(c.High))}]</span>" : "")
                .Append("</td><td>").Append(E(ReportViews.Format(p.Quality)))
                .Append(p.QualityCi is { } q ? $" <span class=\"ci\">[{E(ReportViews.Format(q.Low))}, {E(ReportViews.Format(q.High))}]</span>" : "")
                .Append("</td><td class=\"l\">").Append(p.OnFront ? "yes" : "no")
                .Append("</td><td class=\"l\">").Append(E(string.Join(", ", p.DominatedBy))).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
        foreach (var skipped in cq.Skipped)
        {
            h.Append("<p class=\"note\">").Append(E(skipped)).Append("</p>\n");
        }
    }

    public static void Tasks(StringBuilder h, Report report)
    {
        var models = report.RealModels.Select(m => m.Model).ToList();
        var cells = ReportViews.Heatmap(report).ToDictionary(c => (c.TaskId, c.Model));
        h.Append("<table class=\"tasks\">\n<tr><th class=\"l\">task</th>");
        foreach (var m in models)
        {
            h.Append("<th>").Append(E(m)).Append("</th>");
        }
        h.Append("</tr>\n");
        foreach (var task in report.TaskIds)
        {
            h.Append("<tr><td class=\"l\">").Append(E(task)).Append("</td>");
            foreach (var m in models)
            {
                if (!cells.TryGetValue((task, m), out var c))
                {
                    h.Append("<td></td>");
                    continue;
                }
                var css = c.Passed == c.Samples ? "pass" : c.Passed == 0 ? "fail" : "";
                h.Append("<td class=\"").Append(css).Append("\">").Append(N(c.Passed)).Append('/').Append(N(c.Samples));
                if (c.MeanEfficiency is not null)
                {
                    h.Append(" · e ").Append(ReportViews.Format(c.MeanEfficiency, 2));
                }
                h.Append("</td>");
            }
            h.Append("</tr>\n");
        }
        h.Append("</table>\n<p class=\"note\">passed/samples; e: mean efficiency score.</p>\n");
    }

    public static void Failures(StringBuilder h, Report report, int max)
    {
        var failures = report.Rows.Where(r => !r.Passed).ToList();
        if (failures.Count == 0)
        {
            h.Append("<p>Every sample passed.</p>\n");
            return;
        }
        h.Append("<table class=\"failures\">\n<tr><th class=\"l\">task</th><th class=\"l\">model</th><th>sample</th><th class=\"l\">verdict</th><th class=\"l\">detail</th></tr>\n");
        foreach (var r in failures.Take(max))
        {
            var detail = r.Detail is { Length: > 600 } d ? d[..600] + " …" : r.Detail;
            h.Append("<tr><td class=\"l\">").Append(E(r.TaskId)).Append("</td><td class=\"l\">").Append(E(r.Model)).Append("</td><td>")
                .Append(N(r.Sample)).Append("</td><td class=\"l\">").Append(E(r.Verdict)).Append("</td><td class=\"l\"><pre>")
                .Append(E(detail)).Append("</pre></td></tr>\n");
        }
        h.Append("</table>\n");
        if (failures.Count > max)
        {
            h.Append("<p class=\"note\">").Append(N(failures.Count - max)).Append(" more in the JSON results.</p>\n");
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string E(string? text) => HtmlText.Escape(text);
}
