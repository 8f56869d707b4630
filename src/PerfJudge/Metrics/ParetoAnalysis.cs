namespace PerfJudge.Metrics;

/// <summary>The result of <see cref="ParetoFront.Analyze"/>.</summary>
/// <param name="Entries">One entry per input point, in input order.</param>
/// <param name="Front">The non-dominated points, by cost ascending (then input order).</param>
public sealed record ParetoAnalysis(IReadOnlyList<ParetoEntry> Entries, IReadOnlyList<ParetoPoint> Front);
