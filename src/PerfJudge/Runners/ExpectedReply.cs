using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>The canonical solution's outputs on an EvalPlus task's inputs.</summary>
/// <param name="Verdict">Passed when the canonical solution ran through every input (it may still have
/// raised on some: see the statuses).</param>
/// <param name="Detail">Why not.</param>
/// <param name="BaseStatus">Per base input: <c>ok</c>, <c>rejected</c> (the contract said no) or <c>raised: ...</c>.</param>
/// <param name="PlusStatus">Per plus input, same.</param>
/// <param name="BaseOutputs">JSON text: per base input, the output in the wire's tagged form in a one-element list, or null (no test).</param>
/// <param name="PlusOutputs">Per plus input, same.</param>
/// <param name="BaseSeconds">Wall seconds the canonical solution took over the base inputs (sizes time limits).</param>
/// <param name="PlusSeconds">Same over the plus inputs.</param>
public sealed record ExpectedReply(Verdict Verdict, string? Detail, IReadOnlyList<string> BaseStatus, IReadOnlyList<string> PlusStatus,
    string BaseOutputs, string PlusOutputs, double BaseSeconds, double PlusSeconds) : RunReply(Verdict, Detail);
