namespace PerfJudge.Audit;

/// <summary>The prompt's examples run against the canonical solution.</summary>
/// <param name="Examples">Examples found in the prompt that call the entry point.</param>
/// <param name="Verdict"><c>passed</c> when every example agrees; <c>failed</c> when some disagree (the detail names
/// them); another verdict when the canonical solution raised, ran out of time or died on one.</param>
/// <param name="Detail">Why not passed, as the judge saw it.</param>
public sealed record ExampleAudit(int Examples, string Verdict, string? Detail);
