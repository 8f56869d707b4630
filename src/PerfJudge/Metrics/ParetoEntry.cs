namespace PerfJudge.Metrics;

/// <summary>Where one point stands relative to the Pareto front.</summary>
/// <param name="Point">The point as given.</param>
/// <param name="OnFront">True when no other point dominates it.</param>
/// <param name="DominatedBy">The points dominating it, by cost ascending, then quality descending,
/// then input order; empty when on the front.</param>
public sealed record ParetoEntry(ParetoPoint Point, bool OnFront, IReadOnlyList<ParetoPoint> DominatedBy);
