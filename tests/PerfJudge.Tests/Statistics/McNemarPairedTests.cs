using PerfJudge.Statistics;

namespace PerfJudge.Tests.Statistics;

// Named "...Paired..." so the paired-comparison test filter picks it up.
public class McNemarPairedTests
{
    [Theory]
    // Hand values: 2 * sum_{i<=min(b,c)} C(b+c, i) / 2^(b+c).
    [InlineData(1, 9, 22.0 / 1024)]          // 2 * (1 + 10) / 1024
    [InlineData(2, 8, 112.0 / 1024)]         // 2 * (1 + 10 + 45) / 1024
    [InlineData(0, 5, 2.0 / 32)]             // 2 * 1 / 32
    [InlineData(6, 0, 2.0 / 64)]
    [InlineData(4, 4, 1.0)]                  // balanced: capped at 1
    [InlineData(0, 0, 1.0)]                  // no discordant pair
    public void Matches_hand_computed_binomial_tails(int b, int c, double expected)
    {
        var r = McNemarTest.Exact(b, c);
        Assert.Equal(expected, r.PValue, 14);
        Assert.Equal(b + c, r.N);
        Assert.Equal(b, r.Statistic);
        Assert.Equal(PairedTestMethod.McNemarExact, r.Method);
    }

    [Fact]
    public void Counts_discordant_pairs_from_outcomes()
    {
        // Concordant pairs (true/true, false/false) carry no information.
        bool[] first = [true, true, true, false, false, true];
        bool[] second = [false, false, true, false, true, true];
        var r = McNemarTest.Exact(first, second);
        Assert.Equal(McNemarTest.Exact(2, 1), r);
        Assert.Equal(1.0, r.PValue, 14); // 2 * (1 + 3) / 8 capped
    }

    [Fact]
    public void Large_counts_stay_accurate()
    {
        // 2 * P(X <= 0) for X ~ Bin(60, 1/2) = 2^-59.
        Assert.Equal(1, McNemarTest.Exact(0, 60).PValue / Math.Pow(2, -59), 12);
        Assert.Equal(1.0, McNemarTest.Exact(500, 500).PValue, 12);
    }

    [Fact]
    public void Rejects_mismatched_lengths() =>
        Assert.Throws<ArgumentException>(() => McNemarTest.Exact([true], [true, false]));
}
