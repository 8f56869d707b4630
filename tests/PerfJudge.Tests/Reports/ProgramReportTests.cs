using PerfJudge.Reports;
using PerfJudge.Results;

namespace PerfJudge.Tests.Reports;

/// <summary>Program rows in the results document (written and read back) and the HTML report's subtask table.</summary>
public sealed class ProgramReportTests
{
    private static Report Build()
    {
        var costs = new Dictionary<string, double>();
        ResultRow Row(string model, string verdict, double score, double[] subtasks, double? speedup) =>
            new("programs/<inv>", model, 0, 1, verdict, null, "bubblewrap", 0.5, 1000, false, null, costs, "python 3.11.7", "m",
                Program: new RowProgram("cpp", 4, 6, score, 100, subtasks, 1.25, speedup));
        var rows = new[]
        {
            Row("a<script>", "timeout", 60, [30, 30, 0], null),
            Row("b", "passed", 100, [30, 30, 40], 2.0),
        };
        var run = new RunInfo(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero), 1, "bubblewrap", "3.11.7", 3, "1.0.0.0",
            null, null, "m", "20261202-060000-abcd", [1]);
        return Report.Build("programs", run, rows);
    }

    [Fact]
    public void Scores_and_subtasks_survive_the_results_document()
    {
        var report = Build();
        var json = ResultsDocument.Render(report);
        Assert.Contains("\"subtask_scores\": [", json, StringComparison.Ordinal);
        var back = ResultsDocumentReader.Read(json, "test");
        Assert.Equal(report.Rows.Select(r => r.Program!.Score), back.Rows.Select(r => r.Program!.Score));
        Assert.Equal([30.0, 30, 0], back.Rows[0].Program!.Subtasks);
        Assert.Equal(2.0, back.Rows[1].Program!.Speedup);
        Assert.Equal(ResultsDocument.Render(back), json);
        var a = report.Models.Single(m => m.Model == "a<script>");
        Assert.Equal(60, a.Metrics["score"].Value);
    }

    [Fact]
    public void The_html_report_shows_subtask_scores_escaped()
    {
        var html = HtmlReport.Render(Build());
        Assert.Contains("<section id=\"subtasks\">", html, StringComparison.Ordinal);
        string F(double x) => ReportViews.Format(x, 2);
        Assert.Contains($"{F(30)} + {F(30)} + {F(0)}", html, StringComparison.Ordinal);
        Assert.Contains($"{F(60)} / {F(100)}", html, StringComparison.Ordinal);
        Assert.Contains("a&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>a<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<section id=\"subtasks\">", HtmlReport.Render(ReportFixture.Build()), StringComparison.Ordinal);
    }
}
