using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>The expected outputs of an EvalPlus task: its canonical solution run, sandboxed, on the
/// base and plus inputs, each input first checked against the task's contract. The reply depends on
/// the task's content only, so it is computed once and replayed from the store.</summary>
/// <param name="TaskId">Task id (MBPP+ converts some inputs by task number).</param>
/// <param name="Dataset"><c>humaneval</c> or <c>mbpp</c>.</param>
/// <param name="Program">The canonical program (prompt and canonical solution).</param>
/// <param name="EntryPoint">Function called.</param>
/// <param name="Contract">The task's contract (assertions on the arguments).</param>
/// <param name="BaseInputs">Base inputs, JSON text of argument lists.</param>
/// <param name="PlusInputs">Plus inputs, same form.</param>
/// <param name="Limits">Limits of the process that runs the canonical solution.</param>
public sealed record ExpectedRequest(string TaskId, string Dataset, string Program, string EntryPoint, string Contract,
    string BaseInputs, string PlusInputs, ExecutionLimits Limits) : RunRequest<ExpectedReply>(Limits)
{
    /// <inheritdoc />
    public override double HardSeconds => Limits.WallSeconds + TestRequest.GraceSeconds;

    /// <summary>Outputs do not depend on the machine (the seconds in the reply only size time limits).</summary>
    public override bool DependsOnMachine => false;

    /// <inheritdoc />
    public override ExpectedReply Failure(Verdict verdict, string detail) => new(verdict, detail, [], [], "", "", 0, 0);
}
