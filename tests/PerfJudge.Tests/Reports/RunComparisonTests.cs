using PerfJudge.Reports;
using PerfJudge.Results;

namespace PerfJudge.Tests.Reports;

public sealed class RunComparisonTests
{
    private static Report Make(params (string Model, string Task, bool Passed, double? Eff)[] rows)
    {
        var list = rows.Select((r, i) => new ResultRow(r.Task, r.Model, i, i + 1, r.Passed ? "passed" : "failed", null, "bubblewrap", 0, 0, false,
            r.Eff is null ? null : new RowEfficiency(r.Eff.Value, null, 0, 0, 0, null, null), new Dictionary<string, double>())).ToList();
        var run = new RunInfo(DateTimeOffset.UnixEpoch, 1, "bubblewrap", "3.11", 3, "1");
        var models = rows.Select(r => r.Model).Distinct().Select(m => new ModelSummary(m, 0, 0,
            new Dictionary<string, MetricValue>(), new Dictionary<global::PerfJudge.Judging.Verdict, int>(), "")).ToList();
        return new Report("t", run, models, list);
    }

    [Fact]
    public void B_better_on_every_task_gives_a_positive_difference_and_exact_small_p()
    {
        var rows = new List<(string, string, bool, double?)>();
        for (var t = 0; t < 10; t++)
        {
            rows.Add(("a", $"T{t}", false, 0.2));
            rows.Add(("b", $"T{t}", true, 0.2 + 0.01 * (t + 1)));
        }
        var c = RunComparison.Compare(Make([.. rows]), "a", Make([.. rows]), "b", "a", "b");
        Assert.Equal(10, c.Tasks.Count);
        Assert.Equal(1.0, c.Pass.Difference);
        Assert.Equal(1.0, c.Pass.Low);
        // Every difference has the same sign: exact two-sided p = 2 / 2^10 for both tests.
        Assert.Equal(2.0 / 1024, c.Pass.Wilcoxon!.PValue, 12);
        Assert.Equal(2.0 / 1024, c.Efficiency!.Wilcoxon!.PValue, 12);
        Assert.Equal(2.0 / 1024, c.Efficiency.SignFlip!.PValue, 12);
        Assert.True(c.Efficiency.Difference > 0 && c.Efficiency.Low > 0);
        // One sample per task on each side: McNemar applies, 10 discordant pairs all one way.
        Assert.Equal(2.0 / 1024, c.McNemar!.PValue, 12);
        Assert.Equal("T9", c.MostDifferent(1)[0].TaskId); // all pass rates differ by 1; efficiency breaks the tie
    }

    [Fact]
    public void Unshared_tasks_are_counted_not_tested_and_equal_models_give_p_one()
    {
        var a = Make(("m", "T0", true, null), ("m", "T1", false, null), ("m", "T2", true, null), ("m", "T2", false, null));
        var b = Make(("m", "T0", true, null), ("m", "T1", false, null), ("m", "T3", true, null));
        var c = RunComparison.Compare(a, "m", b, "m", "A", "B");
        Assert.Equal(2, c.Tasks.Count);
        Assert.Equal(1, c.OnlyA);
        Assert.Equal(1, c.OnlyB);
        Assert.Null(c.Efficiency);
        Assert.Equal(0.0, c.Pass.Difference);
        Assert.Equal(1.0, c.Pass.Wilcoxon!.PValue);
        Assert.Empty(c.MostDifferent(5));
    }
}
