namespace PerfJudge.Statistics;

/// <summary>Tests comparing two runs or models task by task, on the per-task differences
/// first[i] - second[i]. Both tests are two-sided and distribution-free.</summary>
public static class PairedTest
{
    /// <summary>Default number of Monte Carlo sign assignments of <see cref="SignFlip(IReadOnlyList{double}, int, int, int)"/>.</summary>
    public const int DefaultIterations = 100_000;

    /// <summary>Per-pair differences first[i] - second[i].</summary>
    /// <exception cref="ArgumentException">The lists differ in length or hold a NaN or infinity.</exception>
    public static double[] Differences(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count)
        {
            throw new ArgumentException($"Paired samples differ in length ({first.Count} and {second.Count}).", nameof(second));
        }
        var differences = new double[first.Count];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = first[i] - second[i];
            if (!double.IsFinite(differences[i]))
            {
                throw new ArgumentException($"Pair {i} has a non-finite value ({first[i]}, {second[i]}).", nameof(first));
            }
        }
        return differences;
    }

    /// <summary>Wilcoxon signed-rank test of <paramref name="first"/> against <paramref name="second"/>;
    /// see <see cref="Wilcoxon(IReadOnlyList{double}, int)"/>.</summary>
    public static PairedTestResult Wilcoxon(IReadOnlyList<double> first, IReadOnlyList<double> second, int maxExactN = 50) =>
        Wilcoxon(Differences(first, second), maxExactN);

    /// <summary>Wilcoxon signed-rank test that the differences are symmetric about zero. Zero
    /// differences are dropped, tied |differences| get their average rank. The statistic is W+, the
    /// sum of the ranks of the positive differences. Up to <paramref name="maxExactN"/> non-zero
    /// differences the p-value is exact (the permutation distribution of W+ given the tie pattern,
    /// ties included; counts are exact integers up to n = 52, relative error ~1e-16 beyond); above, the
    /// normal approximation with tie and continuity corrections. Ties and zeros are exact equality.</summary>
    /// <param name="differences">Per-pair differences.</param>
    /// <param name="maxExactN">Largest n computed exactly (at most 200).</param>
    public static PairedTestResult Wilcoxon(IReadOnlyList<double> differences, int maxExactN = 50)
    {
        ArgumentNullException.ThrowIfNull(differences);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxExactN, 200);
        return WilcoxonSignedRank.Test(NonZero(differences), maxExactN);
    }

    /// <summary>Sign-flip permutation test of <paramref name="first"/> against <paramref name="second"/>;
    /// see <see cref="SignFlip(IReadOnlyList{double}, int, int, int)"/>.</summary>
    public static PairedTestResult SignFlip(IReadOnlyList<double> first, IReadOnlyList<double> second,
        int maxExactN = 16, int iterations = DefaultIterations, int seed = 12345) =>
        SignFlip(Differences(first, second), maxExactN, iterations, seed);

    /// <summary>Paired permutation test that the mean difference is zero, flipping the signs of the
    /// differences. The statistic is the mean of all differences. With at most
    /// <paramref name="maxExactN"/> non-zero differences all 2^n sign assignments are enumerated;
    /// above, <paramref name="iterations"/> random ones (seeded) give p = (1 + hits) / (1 + iterations),
    /// which is never zero.</summary>
    /// <param name="differences">Per-pair differences.</param>
    /// <param name="maxExactN">Largest n enumerated exactly (at most 24).</param>
    /// <param name="iterations">Monte Carlo sign assignments above <paramref name="maxExactN"/>.</param>
    /// <param name="seed">Seed of the Monte Carlo sample, so reports are reproducible.</param>
    public static PairedTestResult SignFlip(IReadOnlyList<double> differences, int maxExactN = 16,
        int iterations = DefaultIterations, int seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(differences);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxExactN, 24);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var mean = differences.Count == 0 ? 0 : differences.Average();
        return SignFlipTest.Test(NonZero(differences), mean, maxExactN, iterations, seed);
    }

    /// <summary>Percentile bootstrap interval of the mean difference, resampling pairs (tasks).</summary>
    public static Bootstrap.Interval MeanDifferenceInterval(IReadOnlyList<double> first, IReadOnlyList<double> second,
        int resamples = 2000, double level = 0.95, int seed = 12345) =>
        Bootstrap.MeanInterval(Differences(first, second), resamples, level, seed);

    private static double[] NonZero(IReadOnlyList<double> differences)
    {
        if (differences.Any(d => !double.IsFinite(d)))
        {
            throw new ArgumentException("Differences must be finite.", nameof(differences));
        }
        return differences.Where(d => d != 0).ToArray();
    }
}
