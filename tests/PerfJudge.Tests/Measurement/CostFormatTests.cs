using PerfJudge.Measurement;

namespace PerfJudge.Tests.Measurement;

public class CostFormatTests
{
    [Theory]
    [InlineData(4.237e-05, "s", "42.37 µs")]
    [InlineData(0.01234, "s", "12.34 ms")]
    [InlineData(1.5, "s", "1.500 s")]
    [InlineData(123.4, "s", "123.4 s")]
    [InlineData(3.2e-8, "s", "32.00 ns")]
    [InlineData(123456789, "instructions", "123,456,789 instructions")]
    [InlineData(2048, "KiB", "2,048 KiB")]
    public void Costs_are_scaled_and_never_in_exponent_notation(double value, string unit, string expected) =>
        Assert.Equal(expected, CostFormat.Format(value, unit));

    [Fact]
    public void Ratios_have_four_significant_digits() => Assert.Equal("1.987", CostFormat.Plain(1.98712));
}
