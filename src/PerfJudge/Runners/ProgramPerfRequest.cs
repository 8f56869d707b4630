using PerfJudge.Judging;
using PerfJudge.Tasks;

namespace PerfJudge.Runners;

/// <summary>Efficiency of a whole-program task: its references and every distinct sample program run on
/// the cases of its levels (stdin from the input generator, run on the trusted side; expected output from
/// the first reference), interleaved round by round, a fresh sandboxed process per case. The reply has the
/// shape of a <see cref="PerfRequest"/>'s, so the same code scores it (docs/metrics.md).</summary>
/// <param name="TaskId">Task id (seeds the generator).</param>
/// <param name="Generator">Python source defining <c>generate_input(size, lid, cid) -&gt; str</c>; empty with literal inputs.</param>
/// <param name="Levels">Levels: size, count, hardness, or literal stdin texts.</param>
/// <param name="Seed">Seed of the generator.</param>
/// <param name="Checker">A built-in checker kind, or null when <paramref name="CheckerProgram"/> is given.</param>
/// <param name="CheckerProgram">A compiled checker program (testlib convention), or null.</param>
/// <param name="References">Compiled references, the first one's outputs expected.</param>
/// <param name="Samples">Distinct compiled sample programs.</param>
/// <param name="Alpha">A level's time limit is alpha times its slowest limiting reference.</param>
/// <param name="LimitReferences">How many references, from the first, set the limits; null: all.</param>
/// <param name="Rounds">Repetitions (the cost of a case is its median).</param>
/// <param name="Meter"><c>cpu</c> (user+system time of each process, from wait4) or <c>wall</c>.</param>
/// <param name="Limits">The largest limits of any run (bounds the wall limit of a case).</param>
public sealed record ProgramPerfRequest(string TaskId, string Generator, IReadOnlyList<EfficiencyLevel> Levels, int Seed, string? Checker,
    ProgramArtifact? CheckerProgram, IReadOnlyList<ProgramArtifact> References, IReadOnlyList<ProgramArtifact> Samples, double Alpha,
    int? LimitReferences, int Rounds, string Meter, ExecutionLimits Limits) : RunRequest<PerfReply>(Limits)
{
    /// <summary>Cases of all levels.</summary>
    public int Cases => Levels.Sum(l => l.Inputs?.Count ?? l.Count);

    /// <inheritdoc />
    public override double HardSeconds => (Samples.Count + References.Count) * Rounds * Cases
        * (Limits.WallSeconds + 1 + (CheckerProgram is null ? 0 : ProgramRequest.CheckerLimits.WallSeconds)) + 60;

    /// <inheritdoc />
    public override PerfReply Failure(Verdict verdict, string detail) => new(verdict, detail, null);
}
