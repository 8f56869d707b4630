namespace PerfJudge.Results;

/// <summary>An aggregate metric with its 95% bootstrap interval over tasks; Value is null when
/// the metric cannot be computed (Reason says why).</summary>
public sealed record MetricValue(double? Value, double? Low, double? High, string? Reason);
