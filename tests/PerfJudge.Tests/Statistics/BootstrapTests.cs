using PerfJudge.Statistics;

namespace PerfJudge.Tests.Statistics;

public class BootstrapTests
{
    [Fact]
    public void Constant_data_has_a_zero_width_interval()
    {
        var ci = Bootstrap.MeanInterval([0.5, 0.5, 0.5, 0.5]);
        Assert.Equal(0.5, ci.Low, 12);
        Assert.Equal(0.5, ci.High, 12);
    }

    [Fact]
    public void Interval_contains_the_mean_and_is_reproducible()
    {
        var values = Enumerable.Range(0, 50).Select(i => i % 3 == 0 ? 1.0 : 0.0).ToList();
        var a = Bootstrap.MeanInterval(values);
        var b = Bootstrap.MeanInterval(values);
        Assert.Equal(a, b);
        Assert.InRange(values.Average(), a.Low, a.High);
        Assert.True(a.High - a.Low is > 0.1 and < 0.5);
    }

    [Fact]
    public void Quantile_interpolates() => Assert.Equal(2.5, Bootstrap.Quantile([1.0, 2.0, 3.0, 4.0], 0.5), 12);
}
