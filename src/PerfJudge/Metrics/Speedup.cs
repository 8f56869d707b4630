namespace PerfJudge.Metrics;

/// <summary>Speedup of samples over references (speedup = reference cost / sample cost), with the
/// aggregates the literature uses, each named for what it computes.</summary>
public static class Speedup
{
    /// <summary>Geometric mean of per-task speedups (the symmetric choice for ratios).</summary>
    public static double GeometricMean(IReadOnlyList<double> speedups) =>
        Math.Exp(speedups.Average(s => Math.Log(Positive(s))));

    /// <summary>Harmonic mean of per-task speedups (equals the ratio of total times when each task
    /// has equal sample time).</summary>
    public static double HarmonicMean(IReadOnlyList<double> speedups) =>
        speedups.Count / speedups.Sum(s => 1 / Positive(s));

    /// <summary>Arithmetic mean of per-task ratios (EffiBench-style averages of normalised values).</summary>
    public static double MeanOfRatios(IReadOnlyList<double> referenceCosts, IReadOnlyList<double> sampleCosts) =>
        referenceCosts.Zip(sampleCosts, (r, s) => r / Positive(s)).Average();

    /// <summary>Ratio of sums: total reference cost / total sample cost.</summary>
    public static double RatioOfSums(IReadOnlyList<double> referenceCosts, IReadOnlyList<double> sampleCosts) =>
        referenceCosts.Sum() / Positive(sampleCosts.Sum());

    /// <summary>PIE's speedup_best@k for one task: E[max over k samples of speedup], where an
    /// incorrect (or slower) sample counts as 1 (the original program is kept).</summary>
    public static double? BestAtK(IReadOnlyList<(bool Correct, double Speedup)> samples, int k) =>
        ExpectedMaxAtK.Estimate(samples.Select(s => s.Correct ? Math.Max(1, s.Speedup) : 1.0).ToList(), k);

    /// <summary>PIE's %Opt@k for one task: probability that at least one of k samples is correct and
    /// at least <paramref name="threshold"/> times faster (PIE uses 1.1).</summary>
    public static double? OptimizedAtK(IReadOnlyList<(bool Correct, double Speedup)> samples, int k, double threshold = 1.1) =>
        ExpectedMaxAtK.Estimate(samples.Select(s => s.Correct && s.Speedup >= threshold ? 1.0 : 0.0).ToList(), k);

    private static double Positive(double value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "costs and speedups must be positive");
}
