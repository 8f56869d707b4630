using PerfJudge.Statistics;

namespace PerfJudge.Tests.Statistics;

// Reference values marked "paired_reference.py" come from that script in this folder: exact
// fractions by brute force over all sign assignments, in Python, independently of this code.
public class PairedTestTests
{
    private static readonly double[] DepressionBefore = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
    private static readonly double[] DepressionAfter = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    private static readonly double[] Darwin = [49, -67, 8, 16, 6, 23, 28, 41, 14, 29, 56, 24, 75, 60, -48];

    [Fact]
    public void Wilcoxon_textbook_example()
    {
        // Hollander & Wolfe (1973), p. 29, depression scale before/after; R's wilcox.test help page
        // gives V = 40, p-value = 0.03906 (= 5/128: 10 of the 512 rank subsets sum to 5 or less).
        var r = PairedTest.Wilcoxon(DepressionBefore, DepressionAfter);
        Assert.Equal(9, r.N);
        Assert.Equal(40, r.Statistic);
        Assert.Equal(5.0 / 128, r.PValue, 12);
        Assert.Equal(PairedTestMethod.WilcoxonExact, r.Method);
    }

    [Fact]
    public void Sign_flip_textbook_example()
    {
        // Fisher (1935), The Design of Experiments, §21, Darwin's Zea mays: 1,726 of the 32,768 sign
        // assignments are at least as extreme, two-sided p = 0.0527 (paired_reference.py: 863/16384).
        var r = PairedTest.SignFlip(Darwin);
        Assert.Equal(15, r.N);
        Assert.Equal(314.0 / 15, r.Statistic, 12);
        Assert.Equal(863.0 / 16384, r.PValue, 12);
        Assert.Equal(PairedTestMethod.SignFlipExact, r.Method);
    }

    [Fact]
    public void Wilcoxon_exact_with_ties_and_zeros_matches_reference()
    {
        var darwin = PairedTest.Wilcoxon(Darwin);
        Assert.Equal(96, darwin.Statistic);
        Assert.Equal(169.0 / 4096, darwin.PValue, 12); // paired_reference.py
        var ties = PairedTest.Wilcoxon([1, -1, 2, 2, 3, -3, 3, 0, 4, 5, 5, -5]);
        Assert.Equal(11, ties.N);
        Assert.Equal(48.5, ties.Statistic);
        Assert.Equal(193.0 / 1024, ties.PValue, 12); // paired_reference.py
    }

    [Fact]
    public void Wilcoxon_normal_approximation_matches_reference()
    {
        var d = Enumerable.Range(0, 60).Select(i => (double)(i * 7 % 11 - 4)).ToArray();
        var r = PairedTest.Wilcoxon(d);
        Assert.Equal(55, r.N);
        Assert.Equal(1045, r.Statistic);
        Assert.Equal(0.02092112294230832, r.PValue, 10); // paired_reference.py
        Assert.Equal(PairedTestMethod.WilcoxonNormal, r.Method);
    }

    [Fact]
    public void Normal_approximation_is_close_to_exact_for_moderate_n()
    {
        var d = Enumerable.Range(0, 40).Select(i => Math.Sin(i * 1.7) + 0.3).ToArray();
        var exact = PairedTest.Wilcoxon(d);
        var normal = PairedTest.Wilcoxon(d, maxExactN: 0);
        Assert.Equal(PairedTestMethod.WilcoxonExact, exact.Method);
        Assert.Equal(PairedTestMethod.WilcoxonNormal, normal.Method);
        Assert.InRange(normal.PValue - exact.PValue, -0.01, 0.01);
    }

    [Fact]
    public void All_positive_ten_pairs_has_exact_p_2_over_1024()
    {
        var d = Enumerable.Range(1, 10).Select(i => i * 0.1).ToArray();
        Assert.Equal(2.0 / 1024, PairedTest.Wilcoxon(d).PValue, 15);
        Assert.Equal(55, PairedTest.Wilcoxon(d).Statistic);
        Assert.Equal(2.0 / 1024, PairedTest.SignFlip(d).PValue, 15);
    }

    [Fact]
    public void Symmetric_differences_give_p_1()
    {
        double[] d = [1, -1, 2.5, -2.5, 0.1, -0.1, 0];
        Assert.Equal(1, PairedTest.Wilcoxon(d).PValue);
        Assert.Equal(1, PairedTest.SignFlip(d).PValue);
        Assert.Equal(6, PairedTest.Wilcoxon(d).N);
        Assert.Equal(1, PairedTest.Wilcoxon([0, 0, 0]).PValue);
        Assert.Equal(0, PairedTest.SignFlip([0.0, 0.0]).N);
    }

    [Fact]
    public void Exact_tests_match_brute_force_enumeration()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 200; trial++)
        {
            // Small integers: many ties and zeros.
            var d = Enumerable.Range(0, random.Next(1, 11)).Select(_ => (double)random.Next(-4, 5)).ToArray();
            Assert.Equal(BruteForce(d, RankSum), PairedTest.Wilcoxon(d).PValue, 12);
            Assert.Equal(BruteForce(d, AbsoluteSum), PairedTest.SignFlip(d).PValue, 12);
        }
    }

    [Fact]
    public void Monte_carlo_sign_flip_approximates_exact_and_is_reproducible()
    {
        var d = Enumerable.Range(0, 20).Select(i => i * 5 % 9 - 3 + 0.5 * (i % 3)).ToArray();
        var mc = PairedTest.SignFlip(d, maxExactN: 16, iterations: 50_000, seed: 1);
        Assert.Equal(PairedTestMethod.SignFlipMonteCarlo, mc.Method);
        Assert.InRange(mc.PValue, 7169.0 / 131072 - 0.005, 7169.0 / 131072 + 0.005); // paired_reference.py: exact over 2^20
        Assert.Equal(mc, PairedTest.SignFlip(d, maxExactN: 16, iterations: 50_000, seed: 1));
    }

    [Fact]
    public void Mean_difference_interval_contains_the_mean()
    {
        var ci = PairedTest.MeanDifferenceInterval(DepressionBefore, DepressionAfter);
        var mean = PairedTest.Differences(DepressionBefore, DepressionAfter).Average();
        Assert.InRange(mean, ci.Low, ci.High);
    }

    [Fact]
    public void Rejects_mismatched_or_non_finite_pairs()
    {
        Assert.Throws<ArgumentException>(() => PairedTest.Wilcoxon([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => PairedTest.SignFlip([double.NaN, 1.0]));
    }

    // Two-sided p by enumerating every sign assignment of the non-zero differences: the fraction of
    // assignments whose statistic is at least as far from its null centre as the observed one.
    private static double BruteForce(double[] all, Func<double[], double[], double> statistic)
    {
        var d = all.Where(x => x != 0).ToArray();
        var abs = d.Select(Math.Abs).ToArray();
        var observed = statistic(d, abs);
        var values = new List<double>();
        for (var mask = 0; mask < 1 << d.Length; mask++)
        {
            values.Add(statistic(abs.Select((a, i) => (mask >> i & 1) == 1 ? -a : a).ToArray(), abs));
        }
        if (statistic == AbsoluteSum)
        {
            return values.Count(v => v >= observed - 1e-9) / (double)values.Count;
        }
        var lower = values.Count(v => v <= observed) / (double)values.Count;
        var upper = values.Count(v => v >= observed) / (double)values.Count;
        return Math.Min(1, 2 * Math.Min(lower, upper));
    }

    private static double AbsoluteSum(double[] d, double[] abs) => Math.Abs(d.Sum());

    // W+ with midranks computed the slow way: rank = 1 + #smaller + (#equal - 1) / 2.
    private static double RankSum(double[] d, double[] abs) =>
        d.Select((x, i) => x > 0 ? 1 + abs.Count(a => a < abs[i]) + (abs.Count(a => a == abs[i]) - 1) / 2.0 : 0).Sum();
}
