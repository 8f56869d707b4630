using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>The mutants of a <see cref="MutantsRequest"/>.</summary>
/// <param name="Verdict">Passed when the reference parsed.</param>
/// <param name="Detail">Why not.</param>
/// <param name="Mutants">The mutants in source order.</param>
public sealed record MutantsReply(Verdict Verdict, string? Detail, IReadOnlyList<Mutant> Mutants) : RunReply(Verdict, Detail);
