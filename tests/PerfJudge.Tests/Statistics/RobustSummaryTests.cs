using PerfJudge.Statistics;

namespace PerfJudge.Tests.Statistics;

public class RobustSummaryTests
{
    [Fact]
    public void Hand_computed_estimates()
    {
        var s = RobustSummary.Of([1.0, 2.0, 3.0, 100.0]);
        Assert.Equal(2.5, s.Median, 12);
        Assert.Equal(2.75, s.HodgesLehmann, 12); // median of the 10 Walsh averages
        Assert.Equal(1.4826, s.Mad, 12);         // median |x - 2.5| = 1, scaled
        Assert.Equal([3], s.Outliers);
        Assert.InRange(s.Median, s.Low, s.High);
    }

    [Fact]
    public void Identical_values_have_a_zero_width_interval()
    {
        var s = RobustSummary.Of([5.0, 5.0, 5.0]);
        Assert.Equal(0, s.RelativeHalfWidth, 12);
        Assert.Empty(s.Outliers);
    }

    [Fact]
    public void Interval_narrows_with_more_repetitions()
    {
        var random = new Random(1);
        var few = Enumerable.Range(0, 10).Select(_ => 1 + random.NextDouble() * 0.1).ToList();
        var many = Enumerable.Range(0, 200).Select(_ => 1 + random.NextDouble() * 0.1).ToList();
        Assert.True(RobustSummary.Of(many).RelativeHalfWidth < RobustSummary.Of(few).RelativeHalfWidth);
    }
}
