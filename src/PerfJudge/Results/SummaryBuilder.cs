using System.Globalization;
using PerfJudge.Judging;
using PerfJudge.Metrics;
using PerfJudge.Statistics;

namespace PerfJudge.Results;

/// <summary>Builds per-model summaries (pass@k with bootstrap CIs over tasks, efficiency metrics)
/// from result rows: the only place model-level figures come from.</summary>
public static class SummaryBuilder
{
    /// <summary>Name of the pooled pseudo-model.</summary>
    public const string AllModels = "(all)";

    /// <summary>One summary per model in first-seen order, then the pooled one when there are several models.</summary>
    public static IReadOnlyList<ModelSummary> Build(IReadOnlyList<ResultRow> rows, IReadOnlyList<int> ks)
    {
        var models = rows.Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        var summaries = models.Select(m => Summarize(m, rows.Where(r => r.Model == m).ToList(), ks)).ToList();
        if (models.Count > 1)
        {
            summaries.Add(Summarize(AllModels, rows, ks));
        }
        return summaries;
    }

    private static ModelSummary Summarize(string model, IReadOnlyList<ResultRow> rows, IReadOnlyList<int> ks)
    {
        var perTask = rows.GroupBy(r => r.TaskId, StringComparer.Ordinal)
            .Select(g => (n: g.Count(), c: g.Count(r => r.Passed)))
            .ToList();
        var metrics = new Dictionary<string, MetricValue>(StringComparer.Ordinal);
        AddPassAtK(metrics, "pass@", perTask, ks);
        if (rows.Any(r => r.BaseVerdict is not null))
        {
            // EvalPlus suites: pass@k on the base tests alone beside pass@k on base and plus.
            var perTaskBase = rows.GroupBy(r => r.TaskId, StringComparer.Ordinal)
                .Select(g => (n: g.Count(), c: g.Count(r => r.BaseVerdict == "passed"))).ToList();
            AddPassAtK(metrics, "base_pass@", perTaskBase, ks);
        }
        if (rows.Any(r => r.Efficiency is not null))
        {
            EfficiencyMetrics.Add(metrics, rows, ks);
        }
        if (rows.Any(r => r.Program is not null))
        {
            ProgramMetrics.Add(metrics, rows);
        }
        var verdicts = VerdictNames.All.ToDictionary(v => v, v => rows.Count(r => r.Verdict == v.Name()));
        var isolation = string.Join(",", rows.Select(r => r.Isolation).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return new ModelSummary(model, rows.Count, perTask.Count, metrics, verdicts, isolation);
    }

    private static void AddPassAtK(Dictionary<string, MetricValue> metrics, string prefix, List<(int n, int c)> perTask,
        IReadOnlyList<int> ks)
    {
        foreach (var k in ks)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}{k}");
            var tooFew = perTask.Count(t => t.n < k);
            if (perTask.Count == 0)
            {
                metrics[name] = new MetricValue(null, null, null, "no samples");
            }
            else if (tooFew > 0)
            {
                metrics[name] = new MetricValue(null, null, null,
                    string.Create(CultureInfo.InvariantCulture, $"not computable: {tooFew} task(s) have fewer than {k} samples"));
            }
            else
            {
                var values = perTask.Select(t => PassAtK.Estimate(t.n, t.c, k)!.Value).ToList();
                var ci = Bootstrap.MeanInterval(values);
                metrics[name] = new MetricValue(values.Average(), ci.Low, ci.High, null);
            }
        }
    }
}
