using MathNet.Numerics.Statistics;

namespace PerfJudge.Statistics;

/// <summary>Robust summary of repeated cost measurements: median with a bootstrap interval,
/// Hodges–Lehmann estimate, MAD and the indices of outliers.</summary>
/// <param name="Count">Number of measurements.</param>
/// <param name="Median">Sample median.</param>
/// <param name="Low">Lower end of the 95% bootstrap interval of the median.</param>
/// <param name="High">Upper end of the 95% bootstrap interval of the median.</param>
/// <param name="HodgesLehmann">Median of all pairwise (Walsh) averages.</param>
/// <param name="Mad">Median absolute deviation, scaled by 1.4826 to estimate σ under normality.</param>
/// <param name="Outliers">Indices further than 3 scaled MADs from the median.</param>
public sealed record RobustSummary(int Count, double Median, double Low, double High, double HodgesLehmann, double Mad,
    IReadOnlyList<int> Outliers)
{
    /// <summary>Half-width of the interval relative to the median.</summary>
    public double RelativeHalfWidth => Median == 0 ? double.PositiveInfinity : (High - Low) / 2 / Math.Abs(Median);

    /// <summary>Summarizes <paramref name="values"/> (at least one).</summary>
    public static RobustSummary Of(IReadOnlyList<double> values, int resamples = 2000, int seed = 12345)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var median = values.Median();
        var mad = 1.4826 * values.Select(v => Math.Abs(v - median)).Median();
        var walsh = new List<double>(values.Count * (values.Count + 1) / 2);
        for (var i = 0; i < values.Count; i++)
        {
            for (var j = i; j < values.Count; j++)
            {
                walsh.Add((values[i] + values[j]) / 2);
            }
        }
        var (low, high) = MedianInterval(values, resamples, seed);
        var outliers = Enumerable.Range(0, values.Count).Where(i => mad > 0 && Math.Abs(values[i] - median) > 3 * mad).ToList();
        return new RobustSummary(values.Count, median, low, high, walsh.Median(), mad, outliers);
    }

    private static (double Low, double High) MedianInterval(IReadOnlyList<double> values, int resamples, int seed)
    {
        if (values.Count == 1)
        {
            return (values[0], values[0]);
        }
        var ci = Bootstrap.StatisticInterval(values, sample => sample.Median(), resamples, 0.95, seed);
        return (ci.Low, ci.High);
    }
}
