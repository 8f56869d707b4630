using PerfJudge.Statistics;

namespace PerfJudge.Metrics;

/// <summary>EvalPerf's Differential Performance Score (Liu et al., "Evaluating Language Models
/// for Efficient Code Generation", COLM 2024). Reference solutions are grouped into cost levels;
/// a correct sample is matched to the fastest level whose cost it does not exceed and scores the
/// cumulative share of references from the slowest level up to that one (DPS), or the fraction of
/// levels up to it (DPS_norm). A sample slower than every level, or incorrect, scores 0.
/// EvalPerf decides on instruction counts, which repeat exactly; on CPU time the same decision
/// flips on noise, so <see cref="ClusterByCases"/> and <see cref="ScoreByCases"/> decide on
/// paired bootstrap intervals over the cases instead of point costs.</summary>
public static class DifferentialPerformance
{
    /// <summary>One cost level: the level's cost (its slowest member), how many references it holds,
    /// and the index of its slowest member (-1 when built from point costs).</summary>
    public sealed record CostLevel(double Cost, int References, int Slowest = -1);

    /// <summary>Groups reference costs into levels: sorted slowest first, a new level starts when a
    /// cost is below the current level's slowest cost divided by (1 + <paramref name="relativeGap"/>).</summary>
    public static IReadOnlyList<CostLevel> Cluster(IEnumerable<double> referenceCosts, double relativeGap = 0.1)
    {
        var levels = new List<CostLevel>();
        foreach (var cost in referenceCosts.OrderDescending())
        {
            if (levels.Count > 0 && cost * (1 + relativeGap) >= levels[^1].Cost)
            {
                levels[^1] = levels[^1] with { References = levels[^1].References + 1 };
            }
            else
            {
                levels.Add(new CostLevel(cost, 1));
            }
        }
        return levels;
    }

    /// <summary>(DPS, DPS_norm) of one sample, each in [0, 1]; <paramref name="levels"/> slowest first;
    /// a sample matches a level when its point cost does not exceed the level's.</summary>
    public static (double Dps, double DpsNorm) Score(bool correct, double cost, IReadOnlyList<CostLevel> levels) =>
        Score(correct, levels, level => cost <= level.Cost);

    /// <summary>(DPS, DPS_norm) of one sample: it climbs the levels (slowest first) while
    /// <paramref name="reaches"/> holds.</summary>
    public static (double Dps, double DpsNorm) Score(bool correct, IReadOnlyList<CostLevel> levels, Func<CostLevel, bool> reaches)
    {
        if (!correct || levels.Count == 0)
        {
            return (0, 0);
        }
        var total = levels.Sum(l => l.References);
        var cumulative = 0;
        var matched = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            if (!reaches(levels[i]))
            {
                break;
            }
            cumulative += levels[i].References;
            matched = i + 1;
        }
        return ((double)cumulative / total, (double)matched / levels.Count);
    }

    /// <summary>Levels from per-case costs (every reference measured on the same cases, in the same
    /// order). Sorted by total cost, slowest first; a reference joins the current level unless it is
    /// detectably more than <paramref name="relativeGap"/> faster than the level's slowest member: the
    /// lower bound of the 95% paired bootstrap interval of (slowest / reference) over the cases
    /// exceeds 1 + gap.</summary>
    public static IReadOnlyList<CostLevel> ClusterByCases(IReadOnlyList<IReadOnlyList<double>> referenceCases, double relativeGap = 0.1)
    {
        var order = Enumerable.Range(0, referenceCases.Count).OrderByDescending(i => referenceCases[i].Sum()).ThenBy(i => i);
        var levels = new List<CostLevel>();
        foreach (var index in order)
        {
            if (levels.Count > 0
                && LowerBound(referenceCases[levels[^1].Slowest], referenceCases[index]) <= 1 + relativeGap)
            {
                levels[^1] = levels[^1] with { References = levels[^1].References + 1 };
            }
            else
            {
                levels.Add(new CostLevel(referenceCases[index].Sum(), 1, index));
            }
        }
        return levels;
    }

    /// <summary>(DPS, DPS_norm) from per-case costs: the sample reaches a level unless it is
    /// detectably more than <paramref name="tolerance"/> slower than the level's slowest member (the
    /// lower bound of the 95% paired bootstrap interval of sample / member exceeds 1 + tolerance).
    /// The default tolerance is the clustering gap: a level is a band 10% wide, and a sample within
    /// it belongs to it. A sample measured identical to a reference thus matches that reference's
    /// level in every run.</summary>
    public static (double Dps, double DpsNorm) ScoreByCases(bool correct, IReadOnlyList<double>? sampleCases,
        IReadOnlyList<IReadOnlyList<double>> referenceCases, IReadOnlyList<CostLevel> levels, double tolerance = 0.1) =>
        !correct || sampleCases is null
            ? (0, 0)
            : Score(true, levels, level => LowerBound(sampleCases, referenceCases[level.Slowest]) <= 1 + tolerance);

    // Lower bound of the paired ratio; no cases means no evidence of a difference.
    private static double LowerBound(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator) =>
        numerator.Count == 0 ? 1 : PairedRatio.OfSums(numerator, denominator).Low;
}
