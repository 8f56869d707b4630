using PerfJudge.Statistics;

namespace PerfJudge.Tests.Pairs;

public sealed class PairedRatioTests
{
    [Fact]
    public void A_constant_ratio_has_a_point_interval()
    {
        var e = PairedRatio.OfSums([2, 4, 6, 8], [1, 2, 3, 4]);
        Assert.Equal((2.0, 2.0, 2.0), (e.Ratio, Math.Round(e.Low, 12), Math.Round(e.High, 12)));
        Assert.True(e.ExcludesOne);
    }

    [Fact]
    public void The_interval_matches_the_exact_bootstrap_distribution_of_two_cases()
    {
        // Two cases: a resample is {1,1}, {1,2}, {2,1} or {2,2}, so the ratio of sums is 3, 2 or 1
        // with probabilities 1/4, 1/2, 1/4: the 2.5% quantile is 1 and the 97.5% quantile is 3.
        var e = PairedRatio.OfSums([3, 1], [1, 1], resamples: 4000);
        Assert.Equal(2.0, e.Ratio);
        Assert.Equal((1.0, 3.0), (e.Low, e.High));
        Assert.False(e.ExcludesOne);
    }

    [Fact]
    public void It_is_reproducible()
    {
        double[] a = [1.3, 0.7, 2.2, 1.9, 1.1], b = [1, 1, 1, 1, 1];
        Assert.Equal(PairedRatio.OfSums(a, b), PairedRatio.OfSums(a, b));
    }
}
