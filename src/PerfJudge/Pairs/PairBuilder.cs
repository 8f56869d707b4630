using PerfJudge.Results;
using PerfJudge.Statistics;

namespace PerfJudge.Pairs;

/// <summary>Makes preference pairs from the rows of a judged run (pure). Method in docs/pairs.md.</summary>
public static class PairBuilder
{
    /// <summary>The pairs of <paramref name="rows"/>; <paramref name="program"/> gives each row's program
    /// (null: unknown, the row is left out). Samples with the same program count once.</summary>
    public static PairSet Build(IReadOnlyList<ResultRow> rows, Func<ResultRow, string?> program, PairCriteria criteria)
    {
        var pairs = new List<PreferencePair>();
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in rows.GroupBy(r => r.TaskId))
        {
            var sides = task.Select(r => (Row: r, Program: program(r))).Where(s => s.Program is not null)
                .DistinctBy(s => s.Program, StringComparer.Ordinal).ToList();
            var correct = sides.Where(s => s.Row.Passed).ToList();
            if (criteria.Efficiency)
            {
                pairs.AddRange(Efficiency(task.Key, correct, criteria, skipped));
            }
            if (criteria.Correctness)
            {
                var wrong = sides.Where(s => !s.Row.Passed && s.Row.Verdict != "sandbox_error").ToList();
                // Each incorrect program once, against the correct ones in turn.
                var made = correct.Count == 0 ? [] : wrong.Select((w, i) => new PreferencePair("correctness", task.Key,
                    Side(correct[i % correct.Count]), Side(w), null, 0)).ToList();
                Skip(skipped, "over_max_per_task", Math.Max(0, made.Count - criteria.MaxPerTask));
                pairs.AddRange(made.Take(criteria.MaxPerTask));
            }
        }
        return new PairSet(pairs, skipped);
    }

    private static List<PreferencePair> Efficiency(string taskId, List<(ResultRow Row, string? Program)> correct, PairCriteria criteria,
        Dictionary<string, int> skipped)
    {
        var made = new List<PreferencePair>();
        for (var i = 0; i < correct.Count; i++)
        {
            for (var j = i + 1; j < correct.Count; j++)
            {
                var (a, b) = (correct[i], correct[j]);
                var reason = Compare(a.Row, b.Row, criteria, out var estimate, out var aIsFaster);
                if (reason is not null)
                {
                    Skip(skipped, reason, 1);
                    continue;
                }
                var (chosen, rejected) = aIsFaster ? (a, b) : (b, a);
                made.Add(new PreferencePair("efficiency", taskId, Side(chosen), Side(rejected), estimate, a.Row.Efficiency!.CaseCosts!.Count));
            }
        }
        Skip(skipped, "over_max_per_task", Math.Max(0, made.Count - criteria.MaxPerTask));
        return made.OrderByDescending(p => p.Ratio!.Value.Ratio).Take(criteria.MaxPerTask).ToList();
    }

    /// <summary>Why two correct samples make no pair, or null when they do.</summary>
    private static string? Compare(ResultRow a, ResultRow b, PairCriteria criteria, out PairedRatio.Estimate estimate, out bool aIsFaster)
    {
        estimate = default;
        aIsFaster = false;
        if (a.Efficiency?.CaseCosts is not { } ca || b.Efficiency?.CaseCosts is not { } cb || ca.Count != cb.Count)
        {
            return "no_case_costs";
        }
        if (ca.Count < criteria.MinCases)
        {
            return "too_few_cases";
        }
        if (ca.Any(c => c <= 0) || cb.Any(c => c <= 0))
        {
            return "zero_cost";
        }
        aIsFaster = ca.Sum() <= cb.Sum();
        // Rejected (slower) over chosen (faster): at least 1 by construction.
        estimate = aIsFaster ? PairedRatio.OfSums(cb, ca, level: criteria.Level) : PairedRatio.OfSums(ca, cb, level: criteria.Level);
        if (!estimate.ExcludesOne)
        {
            return "ci_includes_1";
        }
        return estimate.Ratio < criteria.MinRatio ? "below_min_ratio" : null;
    }

    private static PairSide Side((ResultRow Row, string? Program) s) =>
        new(s.Row.Model, s.Row.Sample, s.Row.Line, s.Row.Verdict, s.Program!, s.Row.Efficiency?.CaseCosts is null ? null : s.Row.Efficiency.Cost);

    private static void Skip(Dictionary<string, int> skipped, string reason, int count)
    {
        if (count > 0)
        {
            skipped[reason] = skipped.GetValueOrDefault(reason) + count;
        }
    }
}
