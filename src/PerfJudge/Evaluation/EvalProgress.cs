namespace PerfJudge.Evaluation;

/// <summary>Progress of a run: executions done out of the total, and how many came from the cache.</summary>
public readonly record struct EvalProgress(int Done, int Total, int Cached);
