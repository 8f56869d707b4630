namespace PerfJudge.Metrics;

/// <summary>Cost–quality Pareto front: the points that no other point dominates (see
/// <see cref="ParetoPoint.Dominates"/>).</summary>
public static class ParetoFront
{
    /// <summary>Finds the front and, for every dominated point, the points dominating it.</summary>
    /// <exception cref="ArgumentException">A cost or quality is NaN or infinite, or two points share a
    /// name.</exception>
    public static ParetoAnalysis Analyze(IReadOnlyList<ParetoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Validate(points);
        var byCost = Enumerable.Range(0, points.Count)
            .OrderBy(i => points[i].Cost).ThenByDescending(i => points[i].Quality).ThenBy(i => i).ToArray();
        var onFront = Sweep(points, byCost);
        var entries = new ParetoEntry[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var dominators = onFront[i]
                ? []
                : byCost.Where(j => points[j].Dominates(points[i])).Select(j => points[j]).ToList();
            entries[i] = new ParetoEntry(points[i], onFront[i], dominators);
        }
        var front = byCost.Where(i => onFront[i]).Select(i => points[i]).ToList();
        return new ParetoAnalysis(entries, front);
    }

    // One pass over points sorted by cost ascending, quality descending. Within a group of equal
    // cost only the highest quality can survive (lower ones are dominated by it); it survives when
    // every strictly cheaper point has strictly lower quality.
    private static bool[] Sweep(IReadOnlyList<ParetoPoint> points, int[] byCost)
    {
        var onFront = new bool[points.Count];
        var bestCheaper = double.NegativeInfinity;
        var start = 0;
        while (start < byCost.Length)
        {
            var cost = points[byCost[start]].Cost;
            var groupBest = points[byCost[start]].Quality;
            var end = start;
            while (end < byCost.Length && points[byCost[end]].Cost == cost)
            {
                var quality = points[byCost[end]].Quality;
                onFront[byCost[end]] = quality == groupBest && quality > bestCheaper;
                end++;
            }
            bestCheaper = Math.Max(bestCheaper, groupBest);
            start = end;
        }
        return onFront;
    }

    private static void Validate(IReadOnlyList<ParetoPoint> points)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            ArgumentNullException.ThrowIfNull(point, nameof(points));
            if (!double.IsFinite(point.Cost) || !double.IsFinite(point.Quality))
            {
                throw new ArgumentException(
                    $"Pareto point '{point.Name}' has a non-finite value (cost {point.Cost}, quality {point.Quality}).",
                    nameof(points));
            }
            if (!names.Add(point.Name))
            {
                throw new ArgumentException($"Pareto point name '{point.Name}' appears more than once.", nameof(points));
            }
        }
    }
}
