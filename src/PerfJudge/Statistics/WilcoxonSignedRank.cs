using MathNet.Numerics;

namespace PerfJudge.Statistics;

/// <summary>Wilcoxon signed-rank computations on non-zero differences.</summary>
internal static class WilcoxonSignedRank
{
    public static PairedTestResult Test(double[] differences, int maxExactN)
    {
        var n = differences.Length;
        var doubledRanks = DoubledMidranks(differences, out var tieCorrection);
        var observed = 0;
        for (var i = 0; i < n; i++)
        {
            observed += differences[i] > 0 ? doubledRanks[i] : 0;
        }
        var statistic = observed / 2.0;
        if (n <= maxExactN)
        {
            return new PairedTestResult(n, statistic, ExactP(doubledRanks, observed), PairedTestMethod.WilcoxonExact);
        }
        var mean = n * (n + 1) / 4.0;
        var variance = n * (n + 1.0) * (2 * n + 1) / 24 - tieCorrection / 48;
        var z = Math.Max(0, Math.Abs(statistic - mean) - 0.5) / Math.Sqrt(variance);
        var p = Math.Min(1, SpecialFunctions.Erfc(z / Math.Sqrt(2)));
        return new PairedTestResult(n, statistic, p, PairedTestMethod.WilcoxonNormal);
    }

    // Ranks of |d| times two, so midranks of ties ((i + j) / 2 for positions i..j) stay integers.
    // Also returns sum(t^3 - t) over tie groups of size t, for the normal variance.
    private static int[] DoubledMidranks(double[] differences, out double tieCorrection)
    {
        var order = Enumerable.Range(0, differences.Length).OrderBy(i => Math.Abs(differences[i])).ToArray();
        var ranks = new int[differences.Length];
        tieCorrection = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && Math.Abs(differences[order[end + 1]]) == Math.Abs(differences[order[start]]))
            {
                end++;
            }
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = start + 1 + end + 1;
            }
            double t = end - start + 1;
            tieCorrection += t * t * t - t;
            start = end + 1;
        }
        return ranks;
    }

    // Counts sign assignments by doubled positive-rank sum. Counts are integers below 2^53 for
    // n <= 52, so they are exact in doubles.
    private static double ExactP(int[] doubledRanks, int observed)
    {
        var total = doubledRanks.Sum();
        var counts = new double[total + 1];
        counts[0] = 1;
        var reach = 0;
        foreach (var rank in doubledRanks)
        {
            reach += rank;
            for (var s = reach; s >= rank; s--)
            {
                counts[s] += counts[s - rank];
            }
        }
        double lower = 0, upper = 0;
        for (var s = 0; s <= total; s++)
        {
            lower += s <= observed ? counts[s] : 0;
            upper += s >= observed ? counts[s] : 0;
        }
        var all = Math.Pow(2, doubledRanks.Length);
        return Math.Min(1, 2 * Math.Min(lower, upper) / all);
    }
}
