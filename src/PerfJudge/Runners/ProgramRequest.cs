using PerfJudge.Judging;
using PerfJudge.Tasks;

namespace PerfJudge.Runners;

/// <summary>Judges one compiled program on every test of a task: a fresh sandboxed process per test
/// (and round), the test's input on stdin, its stdout judged on the trusted side by the checker.</summary>
/// <param name="Language">Language of the program.</param>
/// <param name="Artifact">The compiled program (base64), as <see cref="CompileReply.Artifact"/>.</param>
/// <param name="Tests">The tests.</param>
/// <param name="Checker">A built-in checker kind, or null when <paramref name="CheckerLanguage"/> and <paramref name="CheckerArtifact"/> give a checker program.</param>
/// <param name="CheckerLanguage">Language of the checker program.</param>
/// <param name="CheckerArtifact">The compiled checker program.</param>
/// <param name="StopOnFailure">Stop at the first test that fails (no subtasks to score).</param>
/// <param name="Rounds">Runs per test (the cost is the median), at least 1.</param>
/// <param name="Limits">Limits of each run (per test).</param>
public sealed record ProgramRequest(string Language, string Artifact, IReadOnlyList<ProgramTest> Tests, string? Checker,
    string? CheckerLanguage, string? CheckerArtifact, bool StopOnFailure, int Rounds, ExecutionLimits Limits)
    : RunRequest<ProgramReply>(Limits)
{
    /// <summary>Limits of a checker program's run.</summary>
    public static readonly ExecutionLimits CheckerLimits = new(20, 10, 1L << 30, 256L << 20, 1L << 20, 16);

    /// <inheritdoc />
    public override double HardSeconds => (Limits.WallSeconds + 1) * Tests.Count * Rounds
        + (CheckerArtifact is null ? 0 : CheckerLimits.WallSeconds * Tests.Count) + TestRequest.GraceSeconds;

    /// <inheritdoc />
    public override ProgramReply Failure(Verdict verdict, string detail) => new(verdict, detail, []);

    /// <summary>Every decided verdict is kept; a sandbox error is retried by the next run.</summary>
    public override bool Storable(ProgramReply reply) => reply.Verdict != Verdict.SandboxError;

    /// <inheritdoc />
    public bool Equals(ProgramRequest? other) => other is not null && Language == other.Language && Artifact == other.Artifact
        && Tests.SequenceEqual(other.Tests) && Checker == other.Checker && CheckerLanguage == other.CheckerLanguage
        && CheckerArtifact == other.CheckerArtifact && StopOnFailure == other.StopOnFailure && Rounds == other.Rounds && Limits == other.Limits;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Language, Artifact, Tests.Count, Checker, CheckerArtifact, Rounds, Limits);
}
