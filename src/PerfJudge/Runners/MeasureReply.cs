using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>Costs of each program per round, in the meter's unit.</summary>
/// <param name="Verdict">Passed when every round of every program completed.</param>
/// <param name="Detail">Why not.</param>
/// <param name="Times">Per program, the cost of each round.</param>
/// <param name="MaxRssKb">Peak resident memory over all rounds.</param>
/// <param name="Outputs">Per program, its result (repr) of the last round.</param>
public sealed record MeasureReply(Verdict Verdict, string? Detail, IReadOnlyList<IReadOnlyList<double>> Times, long MaxRssKb,
    IReadOnlyList<string?> Outputs) : RunReply(Verdict, Detail);
