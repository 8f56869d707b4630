namespace PerfJudge.Metrics;

/// <summary>EvalPerf's Differential Performance Score (Liu et al., "Evaluating Language Models
/// for Efficient Code Generation", COLM 2024). Reference solutions are grouped into cost levels;
/// a correct sample is matched to the fastest level whose cost it does not exceed and scores the
/// cumulative share of references from the slowest level up to that one (DPS), or the fraction of
/// levels up to it (DPS_norm). A sample slower than every level, or incorrect, scores 0.</summary>
public static class DifferentialPerformance
{
    /// <summary>One cost level: the level's cost (its slowest member) and how many references it holds.</summary>
    public sealed record CostLevel(double Cost, int References);

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

    /// <summary>(DPS, DPS_norm) of one sample, each in [0, 1]; <paramref name="levels"/> slowest first.</summary>
    public static (double Dps, double DpsNorm) Score(bool correct, double cost, IReadOnlyList<CostLevel> levels)
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
            if (cost > levels[i].Cost)
            {
                break;
            }
            cumulative += levels[i].References;
            matched = i + 1;
        }
        return ((double)cumulative / total, (double)matched / levels.Count);
    }
}
