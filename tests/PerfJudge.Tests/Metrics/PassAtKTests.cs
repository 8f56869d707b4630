using PerfJudge.Metrics;

namespace PerfJudge.Tests.Metrics;

public class PassAtKTests
{
    // Brute force: the fraction of k-subsets of n samples (c correct) holding at least one correct.
    private static double BruteForce(int n, int c, int k)
    {
        long hit = 0, all = 0;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != k) continue;
            all++;
            if ((mask & ((1 << c) - 1)) != 0) hit++;
        }
        return (double)hit / all;
    }

    [Fact]
    public void Matches_brute_force_over_all_subsets()
    {
        for (var n = 1; n <= 10; n++)
            for (var c = 0; c <= n; c++)
                for (var k = 1; k <= n; k++)
                    Assert.Equal(BruteForce(n, c, k), PassAtK.Estimate(n, c, k)!.Value, 12);
    }

    [Fact]
    public void Pass_at_1_is_the_fraction_correct() => Assert.Equal(0.3, PassAtK.Estimate(10, 3, 1)!.Value, 12);

    [Fact]
    public void Matches_closed_form_for_large_n()
    {
        // 1 - C(190, 10) / C(200, 10), evaluated with exact big integers.
        static System.Numerics.BigInteger Choose(int n, int k)
        {
            System.Numerics.BigInteger r = 1;
            for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
            return r;
        }
        var expected = 1 - (double)Choose(190, 10) / (double)Choose(200, 10);
        Assert.Equal(expected, PassAtK.Estimate(200, 10, 10)!.Value, 12);
    }

    [Fact]
    public void K_larger_than_n_is_not_computable() => Assert.Null(PassAtK.Estimate(3, 1, 5));

    [Fact]
    public void All_or_none_correct()
    {
        Assert.Equal(1.0, PassAtK.Estimate(5, 5, 3));
        Assert.Equal(0.0, PassAtK.Estimate(5, 0, 3));
    }
}
