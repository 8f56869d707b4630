using PerfJudge.Reports;

namespace PerfJudge.Tests.Reports;

public sealed class ReportViewsTests
{
    [Fact]
    public void Heatmap_cells_count_passes_and_show_the_most_common_verdict_failures_winning_ties()
    {
        var cells = ReportViews.Heatmap(ReportFixture.Build()).ToDictionary(c => (c.TaskId, c.Model));
        var tie = cells[("T/1", "alpha-7b")]; // failed + passed
        Assert.Equal((2, 1, "failed"), (tie.Samples, tie.Passed, tie.Verdict));
        Assert.Equal("timeout", cells[(ReportFixture.HostileTask, "alpha-7b")].Verdict); // timeout + passed
        Assert.Equal("passed", cells[("T/0", ReportFixture.HostileModel)].Verdict);
        Assert.Equal(0.8, cells[("T/0", "alpha-7b")].MeanEfficiency!.Value, 12); // (0.9 + 0.7) / 2
    }

    [Fact]
    public void At_k_curves_match_the_estimators_and_stop_at_the_fewest_samples()
    {
        var report = ReportFixture.Build();
        var pass = ReportViews.AtKCurve(report, "alpha-7b", efficiency: false);
        // Tasks: 2/2, 1/2, 1/2 passed -> pass@1 = mean(1, .5, .5), pass@2 = 1.
        Assert.Equal([1, 2], pass.Select(p => p.K));
        Assert.Equal(2.0 / 3, pass[0].Value, 12);
        Assert.Equal(1.0, pass[1].Value, 12);
        var eff = ReportViews.AtKCurve(report, "alpha-7b", efficiency: true);
        // eff@2 of a task with two samples is the larger score: mean(0.9, 0.5, 0.4) = 0.6.
        Assert.Equal(0.6, eff[1].Value, 12);
        Assert.Equal("eff@1", ReportViews.PrimaryMetric(report));
        Assert.Equal(ReportFixture.HostileModel, ReportViews.Leaderboard(report, "eff@1")[0].Model);
    }
}
