using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>Correctness of one program on one input set (base or plus) of an EvalPlus task, against the
/// canonical solution's outputs, by EvalPlus's comparison rules.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Dataset"><c>humaneval</c> or <c>mbpp</c>.</param>
/// <param name="Program">The full candidate program.</param>
/// <param name="EntryPoint">Function called.</param>
/// <param name="Inputs">The inputs, JSON text of argument lists.</param>
/// <param name="Expected">The expected outputs (<see cref="ExpectedReply.BaseOutputs"/>'s form; null entries are no tests).</param>
/// <param name="Atol">The task's float tolerance.</param>
/// <param name="Limits">Resource limits.</param>
public sealed record EvalPlusRequest(string TaskId, string Dataset, string Program, string EntryPoint, string Inputs, string Expected,
    double Atol, ExecutionLimits Limits) : RunRequest<TestReply>(Limits)
{
    /// <inheritdoc />
    public override double HardSeconds => Limits.WallSeconds + TestRequest.GraceSeconds;

    /// <inheritdoc />
    public override bool DependsOnMachine => false;

    /// <inheritdoc />
    public override TestReply Failure(Verdict verdict, string detail) => new(verdict, detail, 0, 0, 0);

    /// <summary>Every decided verdict is kept; a sandbox error is retried by the next run.</summary>
    public override bool Storable(TestReply reply) => reply.Verdict != Verdict.SandboxError;
}
