using System.Globalization;
using System.Text;

namespace PerfJudge.Reports;

/// <summary>The HTML table of whole-program rows: language, tests passed, IOI score and the points of each subtask.</summary>
public static class HtmlProgramTable
{
    /// <summary>Appends the section, or nothing when the report has no program rows.</summary>
    public static void Append(StringBuilder h, Report report)
    {
        var rows = report.Rows.Where(r => r.Program is not null).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        h.Append("<section id=\"subtasks\">\n<h2>Program tasks: scores and subtasks</h2>\n<table>\n<thead><tr>")
            .Append("<th>task</th><th>model</th><th>sample</th><th>language</th><th>verdict</th><th>tests</th><th>score</th><th>subtasks</th><th>speedup</th>")
            .Append("</tr></thead>\n<tbody>\n");
        foreach (var r in rows.OrderBy(r => r.TaskId, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Sample))
        {
            var p = r.Program!;
            h.Append("<tr><td>").Append(HtmlText.Escape(r.TaskId)).Append("</td><td>").Append(HtmlText.Escape(r.Model))
                .Append("</td><td>").Append(r.Sample.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(HtmlText.Escape(p.Language)).Append("</td><td>").Append(HtmlText.Escape(r.Verdict))
                .Append("</td><td>").Append(string.Create(CultureInfo.InvariantCulture, $"{p.TestsPassed}/{p.Tests}"))
                .Append("</td><td>").Append(ReportViews.Format(p.Score, 2)).Append(" / ").Append(ReportViews.Format(p.MaxScore, 2))
                .Append("</td><td>").Append(HtmlText.Escape(string.Join(" + ", p.Subtasks.Select(s => ReportViews.Format(s, 2)))))
                .Append("</td><td>").Append(p.Speedup is null ? "" : ReportViews.Format(p.Speedup, 2)).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }
}
