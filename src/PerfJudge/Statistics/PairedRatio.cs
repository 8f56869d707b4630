namespace PerfJudge.Statistics;

/// <summary>Ratio of two programs' total costs over the same cases, with a percentile bootstrap
/// interval that resamples cases jointly (each resampled case keeps both programs' costs), so the
/// interval reflects how consistently one program beats the other across inputs.</summary>
public static class PairedRatio
{
    /// <summary>The ratio and its interval.</summary>
    /// <param name="Ratio">sum(numerator) / sum(denominator).</param>
    /// <param name="Low">Lower bound.</param>
    /// <param name="High">Upper bound.</param>
    public readonly record struct Estimate(double Ratio, double Low, double High)
    {
        /// <summary>True when the interval lies wholly above or below 1.</summary>
        public bool ExcludesOne => Low > 1 || High < 1;
    }

    /// <summary>sum(<paramref name="numerator"/>) / sum(<paramref name="denominator"/>), paired by index,
    /// with a 95% (by default) percentile bootstrap interval over the pairs (fixed seed: reproducible).</summary>
    public static Estimate OfSums(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator, int resamples = 2000,
        double level = 0.95, int seed = 12345)
    {
        ArgumentOutOfRangeException.ThrowIfZero(numerator.Count);
        ArgumentOutOfRangeException.ThrowIfNotEqual(numerator.Count, denominator.Count);
        var ratio = numerator.Sum() / denominator.Sum();
        var random = new Random(seed);
        var stats = new double[resamples];
        var n = numerator.Count;
        for (var r = 0; r < resamples; r++)
        {
            double top = 0, bottom = 0;
            for (var i = 0; i < n; i++)
            {
                var pick = random.Next(n);
                top += numerator[pick];
                bottom += denominator[pick];
            }
            stats[r] = top / bottom;
        }
        Array.Sort(stats);
        var alpha = (1 - level) / 2;
        return new Estimate(ratio, Bootstrap.Quantile(stats, alpha), Bootstrap.Quantile(stats, 1 - alpha));
    }
}
