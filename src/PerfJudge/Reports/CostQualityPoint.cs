namespace PerfJudge.Reports;

/// <summary>One model's point on a cost–quality plane.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Cost">Cost (lower is better).</param>
/// <param name="Quality">Quality (higher is better).</param>
/// <param name="OnFront">True when no other model is at least as good on both and better on one.</param>
/// <param name="DominatedBy">The models that dominate this one (empty on the front).</param>
/// <param name="CostCi">95% bootstrap interval of the cost (mean over the model's samples); null for a fixed figure.</param>
/// <param name="QualityCi">95% bootstrap interval of the quality over tasks, as the summary reports it; null when none.</param>
public sealed record CostQualityPoint(string Name, double Cost, double Quality, bool OnFront, IReadOnlyList<string> DominatedBy,
    (double Low, double High)? CostCi = null, (double Low, double High)? QualityCi = null);
