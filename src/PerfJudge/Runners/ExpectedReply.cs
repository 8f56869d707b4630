using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>The canonical solution's run on an EvalPlus task's inputs: what each input is, and the digests of the outputs.</summary>
/// <param name="Verdict">Passed when the canonical solution ran through every input (it may still have
/// raised on some: see the statuses).</param>
/// <param name="Detail">Why not.</param>
/// <param name="BaseStatus">Per base input: <c>ok</c>, <c>rejected</c> (the contract said no) or <c>raised: ...</c>.</param>
/// <param name="PlusStatus">Per plus input, same.</param>
/// <param name="BaseDigest">sha256 of the outputs on the base inputs, which stay in the worker that computed them
/// (<see cref="EvalPlusRequest"/> names them by it; empty when the run failed).</param>
/// <param name="PlusDigest">Same for the plus inputs.</param>
/// <param name="BaseSeconds">Wall seconds the canonical solution took over the base inputs (sizes time limits).</param>
/// <param name="PlusSeconds">Same over the plus inputs.</param>
public sealed record ExpectedReply(Verdict Verdict, string? Detail, IReadOnlyList<string> BaseStatus, IReadOnlyList<string> PlusStatus,
    string BaseDigest, string PlusDigest, double BaseSeconds, double PlusSeconds) : RunReply(Verdict, Detail);
