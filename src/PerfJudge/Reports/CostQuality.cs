namespace PerfJudge.Reports;

/// <summary>A cost–quality analysis of a run's models: what was compared and the Pareto front.</summary>
/// <param name="CostLabel">What the cost is, with its unit (e.g. <c>completion_tokens per sample</c>).</param>
/// <param name="QualityLabel">The quality metric (e.g. <c>pass@1</c>).</param>
/// <param name="Points">One point per model that has both figures.</param>
/// <param name="Skipped">Models left out, each with the reason.</param>
public sealed record CostQuality(string CostLabel, string QualityLabel, IReadOnlyList<CostQualityPoint> Points,
    IReadOnlyList<string> Skipped);
