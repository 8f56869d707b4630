namespace PerfJudge.Audit;

/// <summary>Whether a task's measured input can tell fast code from slow: the reference's cost on the task's
/// largest explicit input over repeated rounds, beside an empty function's on the same input.</summary>
/// <param name="Input">Which input was measured, e.g. <c>plus #12</c>.</param>
/// <param name="ReferenceSeconds">Median CPU seconds of the reference's call.</param>
/// <param name="EmptySeconds">Median CPU seconds of an empty function's call (what the meter sees of nothing).</param>
/// <param name="Cov">Coefficient of variation of the reference's cost over the rounds.</param>
/// <param name="Clusters">With samples: distinct cost levels among the reference and the correct samples (EvalPerf asks for at least 4); else null.</param>
/// <param name="Detail">Why the input could not be measured (then the figures are 0).</param>
/// <param name="Levels">Suites with generated inputs (ENAMEL): every level; the other figures are the hardest level's.</param>
public sealed record CostAudit(string Input, double ReferenceSeconds, double EmptySeconds, double Cov, int? Clusters, string? Detail,
    IReadOnlyList<LevelCost>? Levels = null)
{
    /// <summary>The reference's cost is not above twice the empty call's: the meter mostly sees overhead.</summary>
    public bool OverheadDominated => Detail is null && ReferenceSeconds <= 2 * EmptySeconds;

    /// <summary>EvalPerf's stability criterion: CoV of at most 5 %.</summary>
    public bool Stable => Detail is null && Cov <= 0.05;
}
