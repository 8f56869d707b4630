namespace PerfJudge.Reports;

/// <summary>One model's point on a cost–quality plane.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Cost">Cost (lower is better).</param>
/// <param name="Quality">Quality (higher is better).</param>
/// <param name="OnFront">True when no other model is at least as good on both and better on one.</param>
/// <param name="DominatedBy">The models that dominate this one (empty on the front).</param>
public sealed record CostQualityPoint(string Name, double Cost, double Quality, bool OnFront, IReadOnlyList<string> DominatedBy);
