using System.Runtime.CompilerServices;
using PerfJudge.Judging;
using PerfJudge.Metrics;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Tasks;

namespace PerfJudge.Evaluation;

/// <summary>Turns a task's measurements into per-sample efficiency figures (pure).</summary>
public static class EfficiencyScorer
{
    /// <summary>Scores sample <paramref name="index"/> of <paramref name="measurement"/>; level scores are
    /// clipped to at most 1 unless <paramref name="clipAboveOne"/> is false (ENAMEL's protocol).</summary>
    public static RowEfficiency Score(EfficiencySpec spec, TaskMeasurement measurement, int index, bool clipAboveOne = true,
        double tolerance = 0) => Score(spec.Levels, measurement, index, clipAboveOne, tolerance);

    /// <summary>Scores sample <paramref name="index"/> of <paramref name="measurement"/> on <paramref name="levelSpecs"/>
    /// (function and whole-program tasks alike).</summary>
    public static RowEfficiency Score(IReadOnlyList<EfficiencyLevel> levelSpecs, TaskMeasurement measurement, int index,
        bool clipAboveOne = true, double tolerance = 0)
    {
        var sample = measurement.Samples[index];
        var correct = sample.Verdict == Verdict.Passed;
        var levelCount = levelSpecs.Count;
        var refs = ReferencesOf(measurement);
        var sampleWorst = WorstPerLevel(sample, measurement.CaseLevels, levelCount);
        var levels = new List<EffAtK.Level>();
        var worst = new List<double?>();
        for (var level = 0; level < levelCount; level++)
        {
            // t_ref: the best reference on the level; T: alpha x the slowest (from the worker).
            var tRef = refs.Worst.Min(r => r[level] ?? double.PositiveInfinity);
            levels.Add(new EffAtK.Level(levelSpecs[level].Hardness, tRef, measurement.LevelLimits[level]));
            var exceeded = sample.ExceededLevel is { } e && level >= e;
            worst.Add(exceeded ? null : sampleWorst[level]);
        }
        var efficiency = EffAtK.SampleEfficiency(correct, levels, worst, clipAboveOne, tolerance);
        var scored = refs.Scored;
        var completed = correct && sample.ExceededLevel is null && scored.All(i => sample.Times[i] is not null);
        var cost = scored.Sum(i => sample.Times[i] ?? 0);
        double? speedup = completed && cost > 0 ? refs.Cases[0].Sum() / cost : null;
        var caseCosts = completed ? scored.Select(i => sample.Times[i]!.Value).ToList() : null;
        // DPS levels and matches decided on paired intervals over the cases, not point costs (docs/metrics.md).
        var (dps, dpsNorm) = DifferentialPerformance.ScoreByCases(completed, caseCosts, refs.Cases, refs.DpsLevels);
        var referenceRss = measurement.References[0].MaxRssKb;
        double? memory = correct && referenceRss > 0 ? RuntimeNormalization.NormalizedMaxMemory(sample.MaxRssKb, referenceRss) : null;
        return new RowEfficiency(efficiency, speedup, dps, dpsNorm, cost, sample.ExceededLevel, memory, caseCosts);
    }

    // What a task's references give every one of its samples: worst time per level, scored cases,
    // per-case costs and DPS levels (a bootstrap per pair of references). Computed once per
    // measurement, not once per sample row.
    private sealed record References(IReadOnlyList<double?[]> Worst, IReadOnlyList<int> Scored,
        IReadOnlyList<IReadOnlyList<double>> Cases, IReadOnlyList<DifferentialPerformance.CostLevel> DpsLevels);

    private static readonly ConditionalWeakTable<TaskMeasurement, References> Cache = [];

    private static References ReferencesOf(TaskMeasurement measurement) =>
        Cache.GetValue(measurement, m =>
        {
            var scored = Enumerable.Range(0, m.CaseLevels.Count).Where(i => m.CaseLevels[i] > 0).ToList();
            var cases = m.References.Select(r => (IReadOnlyList<double>)scored.Select(i => r.Times[i] ?? 0).ToList()).ToList();
            return new References(m.References.Select(r => WorstPerLevel(r, m.CaseLevels, m.LevelLimits.Count)).ToList(), scored, cases,
                DifferentialPerformance.ClusterByCases(cases));
        });

    private static double?[] WorstPerLevel(ProgramMeasurement program, IReadOnlyList<int> caseLevels, int levelCount)
    {
        var worst = new double?[levelCount];
        for (var i = 0; i < caseLevels.Count; i++)
        {
            var level = caseLevels[i];
            var t = program.Times[i];
            if (t is null)
            {
                worst[level] = null;
                continue;
            }
            worst[level] = Math.Max(worst[level] ?? 0, t.Value);
        }
        // A level with any case not run has no worst time.
        for (var i = 0; i < caseLevels.Count; i++)
        {
            if (program.Times[i] is null)
            {
                worst[caseLevels[i]] = null;
            }
        }
        return worst;
    }
}
