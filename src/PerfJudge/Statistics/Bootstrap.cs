namespace PerfJudge.Statistics;

/// <summary>Percentile bootstrap confidence interval of a mean, resampling units (tasks).</summary>
public static class Bootstrap
{
    /// <summary>A two-sided interval.</summary>
    public readonly record struct Interval(double Low, double High);

    /// <summary>95% (by default) percentile interval of the mean of <paramref name="values"/>,
    /// with a fixed seed so reports are reproducible.</summary>
    public static Interval MeanInterval(IReadOnlyList<double> values, int resamples = 2000, double level = 0.95, int seed = 12345)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        return values.Count == 1
            ? new Interval(values[0], values[0])
            : StatisticInterval(values, sample => sample.Average(), resamples, level, seed);
    }

    /// <summary>95% (by default) percentile interval of any statistic of <paramref name="values"/>.</summary>
    public static Interval StatisticInterval(IReadOnlyList<double> values, Func<IReadOnlyList<double>, double> statistic,
        int resamples = 2000, double level = 0.95, int seed = 12345)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var random = new Random(seed);
        var stats = new double[resamples];
        var buffer = new double[values.Count];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = values[random.Next(values.Count)];
            }
            stats[r] = statistic(buffer);
        }
        Array.Sort(stats);
        var alpha = (1 - level) / 2;
        return new Interval(Quantile(stats, alpha), Quantile(stats, 1 - alpha));
    }

    /// <summary>Linear-interpolation quantile of sorted data.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
