using PerfJudge.Metrics;

namespace PerfJudge.Tests.Metrics;

public class SpeedupTests
{
    [Fact]
    public void Means_of_speedups()
    {
        Assert.Equal(2.0, Speedup.GeometricMean([1.0, 4.0]), 12);
        Assert.Equal(1.6, Speedup.HarmonicMean([1.0, 4.0]), 12);
    }

    [Fact]
    public void Ratio_of_sums_and_mean_of_ratios_differ_as_they_should()
    {
        double[] reference = [1.0, 10.0];
        double[] sample = [0.5, 10.0];
        Assert.Equal(11.0 / 10.5, Speedup.RatioOfSums(reference, sample), 12);
        Assert.Equal((2.0 + 1.0) / 2, Speedup.MeanOfRatios(reference, sample), 12);
    }

    [Fact]
    public void Best_at_k_counts_incorrect_and_slower_samples_as_one()
    {
        var samples = new List<(bool, double)> { (true, 3.0), (false, 9.0), (true, 0.5) };
        // k=1: mean of [3, 1, 1]; k=3: max = 3.
        Assert.Equal(5.0 / 3, Speedup.BestAtK(samples, 1)!.Value, 12);
        Assert.Equal(3.0, Speedup.BestAtK(samples, 3)!.Value, 12);
        Assert.Equal(1.0 / 3, Speedup.OptimizedAtK(samples, 1)!.Value, 12);
    }

    [Fact]
    public void Beyond_places_runtime_within_the_reference_range()
    {
        double[] refs = [1.0, 3.0, 5.0];
        Assert.Equal(0.5, RuntimeNormalization.Beyond(true, 3.0, refs), 12);
        Assert.Equal(1.0, RuntimeNormalization.Beyond(true, 0.5, refs), 12);
        Assert.Equal(0.0, RuntimeNormalization.Beyond(true, 9.0, refs), 12);
        Assert.Equal(0.0, RuntimeNormalization.Beyond(false, 0.5, refs), 12);
        Assert.Equal(0.75, RuntimeNormalization.BeyondAtK([0.5, 1.0], 1)!.Value, 12);
        Assert.Equal(2.0, RuntimeNormalization.NormalizedExecutionTime(2, 1), 12);
        Assert.Equal(0.5, RuntimeNormalization.NormalizedMaxMemory(1, 2), 12);
    }
}
