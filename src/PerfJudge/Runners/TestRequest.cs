using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>Correctness: one candidate program run against one task's test code.</summary>
/// <param name="Program">The full candidate program.</param>
/// <param name="EntryPoint">Function the test calls.</param>
/// <param name="Test">Trusted test code defining <c>check(candidate)</c>.</param>
/// <param name="Prompt">Trusted prompt, loaded in the checker so tests can use its helpers.</param>
/// <param name="Limits">Resource limits.</param>
public sealed record TestRequest(string Program, string EntryPoint, string Test, string Prompt, ExecutionLimits Limits)
    : RunRequest<TestReply>(Limits)
{
    /// <summary>Seconds the trusted side may take beyond the candidate's wall limit.</summary>
    public const double GraceSeconds = 10;

    /// <inheritdoc />
    public override double HardSeconds => Limits.WallSeconds + GraceSeconds;

    /// <inheritdoc />
    public override bool DependsOnMachine => false;

    /// <inheritdoc />
    public override TestReply Failure(Verdict verdict, string detail) => new(verdict, detail, 0, 0, 0);

    /// <summary>Every decided verdict is kept; a sandbox error is retried by the next run.</summary>
    public override bool Storable(TestReply reply) => reply.Verdict != Verdict.SandboxError;
}
