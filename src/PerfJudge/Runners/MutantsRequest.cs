using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>Simple mutants of a reference program (operator swaps, comparison flips, off-by-one
/// constants) made with Python's ast module on the trusted side; the audit judges them with the
/// task's tests.</summary>
/// <param name="Program">The reference program.</param>
/// <param name="EntryPoint">Function whose body is mutated.</param>
/// <param name="Max">At most this many mutants, spread over the mutation sites in source order.</param>
/// <param name="Limits">Limits (the request runs no candidate).</param>
public sealed record MutantsRequest(string Program, string EntryPoint, int Max, ExecutionLimits Limits) : RunRequest<MutantsReply>(Limits)
{
    /// <inheritdoc />
    public override double HardSeconds => 60;

    /// <inheritdoc />
    public override bool DependsOnMachine => false;

    /// <inheritdoc />
    public override MutantsReply Failure(Verdict verdict, string detail) => new(verdict, detail, []);
}
