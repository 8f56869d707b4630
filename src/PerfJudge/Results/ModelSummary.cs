using PerfJudge.Judging;

namespace PerfJudge.Results;

/// <summary>Aggregates of one model (or of all models pooled, as <c>(all)</c>).</summary>
/// <param name="Model">Model name.</param>
/// <param name="Samples">Number of samples.</param>
/// <param name="Tasks">Number of distinct tasks with at least one sample.</param>
/// <param name="Metrics">Metric name (e.g. <c>pass@1</c>) to value.</param>
/// <param name="Verdicts">Count of samples per verdict.</param>
/// <param name="Isolation">Isolation levels used, comma-separated.</param>
public sealed record ModelSummary(string Model, int Samples, int Tasks, IReadOnlyDictionary<string, MetricValue> Metrics,
    IReadOnlyDictionary<Verdict, int> Verdicts, string Isolation);
