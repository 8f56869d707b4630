using System.Globalization;
using PerfJudge.Metrics;
using PerfJudge.Statistics;

namespace PerfJudge.Results;

/// <summary>Model-level efficiency aggregates: eff@k, DPS, DPS_norm and speedup, each with a 95%
/// bootstrap interval over tasks.</summary>
public static class EfficiencyMetrics
{
    /// <summary>Adds the efficiency metrics of <paramref name="results"/> to <paramref name="metrics"/>.</summary>
    public static void Add(Dictionary<string, MetricValue> metrics, IReadOnlyList<ResultRow> results, IReadOnlyList<int> ks)
    {
        var tasks = results.Where(r => r.Efficiency is not null).GroupBy(r => r.TaskId, StringComparer.Ordinal).ToList();
        foreach (var k in ks)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"eff@{k}");
            var perTask = tasks.Select(g => ExpectedMaxAtK.Estimate(g.Select(r => r.Efficiency!.Efficiency).ToList(), k)).ToList();
            metrics[name] = perTask.Any(v => v is null)
                ? new MetricValue(null, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"not computable: {perTask.Count(v => v is null)} task(s) have fewer than {k} samples"))
                : Mean(perTask.Select(v => v!.Value).ToList());
        }
        // DPS as EvalPerf reports it: averaged over correct samples (per task, then over tasks).
        var correct = tasks.Select(g => g.Where(r => r.Passed).Select(r => r.Efficiency!).ToList())
            .Where(list => list.Count > 0).ToList();
        metrics["dps"] = Mean(correct.Select(list => list.Average(e => e.Dps)).ToList());
        metrics["dps_norm"] = Mean(correct.Select(list => list.Average(e => e.DpsNorm)).ToList());
        // Speedup: geometric mean over tasks of each task's geometric mean over its correct,
        // uncensored samples.
        var logs = tasks.Select(g => g.Select(r => r.Efficiency!.Speedup).Where(s => s is > 0).Select(s => Math.Log(s!.Value)).ToList())
            .Where(list => list.Count > 0).Select(list => list.Average()).ToList();
        foreach (var k in ks)
        {
            // PIE: mean over tasks of E[max speedup of k samples] (incorrect or slower count as 1),
            // and the share of tasks optimised by at least 10%.
            var pie = tasks.Select(g => g.Select(r => (r.Passed && r.Efficiency!.Speedup is not null,
                r.Efficiency!.Speedup ?? 1.0)).ToList()).ToList();
            var best = pie.Select(list => Speedup.BestAtK(list, k)).ToList();
            var opt = pie.Select(list => Speedup.OptimizedAtK(list, k)).ToList();
            if (best.All(v => v is not null))
            {
                metrics[string.Create(CultureInfo.InvariantCulture, $"speedup_best@{k}")] = Mean(best.Select(v => v!.Value).ToList());
                metrics[string.Create(CultureInfo.InvariantCulture, $"%opt@{k}")] = Mean(opt.Select(v => v!.Value).ToList());
            }
        }
        // EffiBench: normalised execution time and peak memory of correct samples, mean over tasks.
        metrics["net"] = Mean(tasks.Select(g => g.Select(r => r.Efficiency!.Speedup).Where(s => s is > 0).Select(s => 1 / s!.Value).ToList())
            .Where(list => list.Count > 0).Select(list => list.Average()).ToList());
        metrics["nmu"] = Mean(tasks.Select(g => g.Select(r => r.Efficiency!.MemoryRatio).Where(m => m is not null).Select(m => m!.Value).ToList())
            .Where(list => list.Count > 0).Select(list => list.Average()).ToList());
        // The other speedup aggregates, each named for what it computes, over tasks' correct,
        // uncensored samples (per task: mean speedup; reference and sample costs summed).
        var perTaskSpeedups = tasks.Select(g => g.Select(r => r.Efficiency!).Where(e => e.Speedup is > 0).ToList())
            .Where(list => list.Count > 0).ToList();
        if (perTaskSpeedups.Count > 0)
        {
            var means = perTaskSpeedups.Select(list => list.Average(e => e.Speedup!.Value)).ToList();
            metrics["speedup_hmean"] = Interval(Speedup.HarmonicMean(means), means, Speedup.HarmonicMean);
            metrics["speedup_mean_of_ratios"] = Mean(means);
            var sampleCosts = perTaskSpeedups.Select(list => list.Average(e => e.Cost)).ToList();
            var referenceCosts = perTaskSpeedups.Select(list => list.Average(e => e.Cost * e.Speedup!.Value)).ToList();
            metrics["speedup_ratio_of_sums"] = new MetricValue(Speedup.RatioOfSums(referenceCosts, sampleCosts), null, null,
                "total reference cost / total sample cost over tasks with a correct, uncensored sample");
        }
        var log = Mean(logs);
        metrics["speedup"] = log.Value is null ? log : new MetricValue(Math.Exp(log.Value.Value), Math.Exp(log.Low!.Value),
            Math.Exp(log.High!.Value), "geometric mean over tasks; samples past a time limit are left out (censored)");
    }

    private static MetricValue Interval(double value, List<double> values, Func<IReadOnlyList<double>, double> statistic)
    {
        var ci = Bootstrap.StatisticInterval(values, statistic);
        return new MetricValue(value, ci.Low, ci.High, null);
    }

    private static MetricValue Mean(List<double> values)
    {
        if (values.Count == 0)
        {
            return new MetricValue(null, null, null, "no correct samples");
        }
        var ci = Bootstrap.MeanInterval(values);
        return new MetricValue(values.Average(), ci.Low, ci.High, null);
    }
}
