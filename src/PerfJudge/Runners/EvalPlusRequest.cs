using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>Correctness of one program on one input set (base or plus) of an EvalPlus task, against the
/// canonical solution's outputs, by EvalPlus's comparison rules. The outputs are not in the request: it
/// names them by digest (<see cref="ExpectedReply.BaseDigest"/>); the worker holds them, or computes them
/// again from <paramref name="Reference"/> and judges only when they have that digest.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Dataset"><c>humaneval</c> or <c>mbpp</c>.</param>
/// <param name="Program">The full candidate program.</param>
/// <param name="EntryPoint">Function called.</param>
/// <param name="Inputs">The inputs, JSON text of argument lists.</param>
/// <param name="ExpectedDigest">sha256 of the expected outputs on these inputs, as the worker's harness writes them.</param>
/// <param name="Reference">How to compute the expected outputs again.</param>
/// <param name="Atol">The task's float tolerance.</param>
/// <param name="Limits">Resource limits of the sample.</param>
public sealed record EvalPlusRequest(string TaskId, string Dataset, string Program, string EntryPoint, string Inputs, string ExpectedDigest,
    EvalPlusReference Reference, double Atol, ExecutionLimits Limits) : RunRequest<TestReply>(Limits)
{
    /// <summary>The sample's limit, after the reference's when the worker must compute the outputs first.</summary>
    public override double HardSeconds => Limits.WallSeconds + Reference.Limits.WallSeconds + 2 * TestRequest.GraceSeconds;

    /// <inheritdoc />
    public override bool DependsOnMachine => false;

    /// <inheritdoc />
    public override TestReply Failure(Verdict verdict, string detail) => new(verdict, detail, 0, 0, 0);

    /// <summary>Every decided verdict is kept; a sandbox error is retried by the next run.</summary>
    public override bool Storable(TestReply reply) => reply.Verdict != Verdict.SandboxError;
}
