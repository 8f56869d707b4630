using PerfJudge.Metrics;
using Level = PerfJudge.Metrics.DifferentialPerformance.CostLevel;

namespace PerfJudge.Tests.Metrics;

public class DifferentialPerformanceTests
{
    private static readonly List<Level> Levels = [new(10, 5), new(5, 3), new(2, 2)]; // slowest first

    [Theory]
    [InlineData(4.0, 0.8, 2.0 / 3)]   // beats the 10 and 5 levels, not the 2 level
    [InlineData(5.0, 0.8, 2.0 / 3)]   // a tie with a level counts as matching it
    [InlineData(1.0, 1.0, 1.0)]       // faster than every level
    [InlineData(2.0, 1.0, 1.0)]
    [InlineData(10.0, 0.5, 1.0 / 3)]
    [InlineData(12.0, 0.0, 0.0)]      // slower than every reference
    public void Scores_the_cumulative_share_of_matched_levels(double cost, double dps, double dpsNorm)
    {
        var (d, n) = DifferentialPerformance.Score(true, cost, Levels);
        Assert.Equal(dps, d, 12);
        Assert.Equal(dpsNorm, n, 12);
    }

    [Fact]
    public void A_failed_sample_scores_zero() => Assert.Equal((0.0, 0.0), DifferentialPerformance.Score(false, 0.1, Levels));

    [Fact]
    public void A_single_level_task_is_all_or_nothing()
    {
        List<Level> one = [new(3, 4)];
        Assert.Equal((1.0, 1.0), DifferentialPerformance.Score(true, 3, one));
        Assert.Equal((0.0, 0.0), DifferentialPerformance.Score(true, 3.01, one));
    }

    [Fact]
    public void Clustering_groups_costs_within_the_gap()
    {
        var levels = DifferentialPerformance.Cluster([1.0, 1.05, 2.0, 10.0, 9.5, 4.0], 0.1);
        Assert.Equal([10.0, 4.0, 2.0, 1.05], levels.Select(l => l.Cost));
        Assert.Equal([2, 1, 1, 2], levels.Select(l => l.References));
    }
}
