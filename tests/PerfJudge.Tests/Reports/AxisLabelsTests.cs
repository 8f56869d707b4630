using PerfJudge.Reports;

namespace PerfJudge.Tests.Reports;

public class AxisLabelsTests
{
    [Theory]
    [InlineData(6e-6, "6×10⁻⁶")]
    [InlineData(1.41e-5, "1.41×10⁻⁵")]
    [InlineData(1e-5, "10⁻⁵")]
    [InlineData(0.25, "0.25")]
    [InlineData(1500, "1500")]
    [InlineData(2.5e7, "2.5×10⁷")]
    public void Numbers_have_no_exponent_notation(double value, string expected) => Assert.Equal(expected, AxisLabels.Number(value));

    [Fact]
    public void Speedup_ticks_are_powers_of_two_written_as_factors()
    {
        var ticks = AxisLabels.Log2Ticks(-2.6, 0.4);
        Assert.Equal(["1/8x", "1/4x", "1/2x", "1x", "2x"], ticks.Select(AxisLabels.Speedup));
    }

    [Fact]
    public void Many_tasks_are_labelled_every_nth_without_their_shared_prefix()
    {
        var ids = Enumerable.Range(0, 164).Select(i => $"HumanEval/{i}").ToList();
        var labels = AxisLabels.Tasks(ids);
        Assert.Equal(164, labels.Length);
        Assert.Equal(["0", "5", "10"], labels.Where(l => l.Length > 0).Take(3));
        Assert.True(labels.Count(l => l.Length > 0) <= 40);
        Assert.Equal(["0-a", "1-b"], AxisLabels.Tasks(["demo/0-a", "demo/1-b"]));
    }
}
