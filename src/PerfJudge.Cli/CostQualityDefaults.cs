using PerfJudge.Reports;

namespace PerfJudge.Cli;

/// <summary>The cost–quality section a report shows without being asked: the first cost field the
/// samples carry (usd, completion_tokens, latency_s) against the leaderboard's metric.</summary>
public static class CostQualityDefaults
{
    /// <summary>The default analysis, or null when no sample carries a cost field.</summary>
    public static CostQuality? FromSamples(Report report)
    {
        var field = CostQualityBuilder.SampleFields.FirstOrDefault(f => report.Rows.Any(r => r.Costs.ContainsKey(f)));
        return field is null ? null : CostQualityBuilder.FromSampleField(report, field, ReportViews.PrimaryMetric(report));
    }
}
