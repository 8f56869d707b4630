using PerfJudge.Results;

namespace PerfJudge.Cli;

/// <summary>Keeps only the metric families asked for with <c>--metrics</c>.</summary>
public static class MetricFilter
{
    /// <summary>The summaries with metrics outside <paramref name="families"/> removed.</summary>
    public static IReadOnlyList<ModelSummary> Apply(IReadOnlyList<ModelSummary> summaries, IReadOnlyList<string>? families)
    {
        if (families is null)
        {
            return summaries;
        }
        return summaries.Select(s => s with
        {
            Metrics = s.Metrics.Where(m => families.Contains(Family(m.Key))).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
        }).ToList();
    }

    private static string Family(string metric) => metric switch
    {
        _ when metric.StartsWith("pass@", StringComparison.Ordinal) => "pass",
        _ when metric.StartsWith("eff@", StringComparison.Ordinal) => "eff",
        "dps" or "dps_norm" => "dps",
        _ when metric.StartsWith("speedup_best@", StringComparison.Ordinal) || metric.StartsWith("%opt@", StringComparison.Ordinal) => "pie",
        "net" or "nmu" => "effibench",
        "speedup_hmean" or "speedup_mean_of_ratios" or "speedup_ratio_of_sums" => "speedups",
        _ => "speedup",
    };
}
