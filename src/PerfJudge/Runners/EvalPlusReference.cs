using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>What a worker needs to compute an EvalPlus task's expected outputs itself: the canonical
/// program, the task's contract and the limits of that trusted run (those of its <see cref="ExpectedRequest"/>).</summary>
/// <param name="Program">The canonical program (prompt and canonical solution).</param>
/// <param name="Contract">The task's contract.</param>
/// <param name="Limits">Limits of the process that runs the canonical solution.</param>
public sealed record EvalPlusReference(string Program, string Contract, ExecutionLimits Limits);
