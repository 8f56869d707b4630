using PerfJudge.Judging;
using PerfJudge.Samples;

namespace PerfJudge.Evaluation;

/// <summary>The judged outcome of one sample.</summary>
/// <param name="Sample">The sample.</param>
/// <param name="Result">The execution result (possibly shared with identical samples).</param>
/// <param name="Cached">True when the result came from the store, not from this run.</param>
/// <param name="Efficiency">Efficiency figures, for samples of efficiency tasks.</param>
public sealed record SampleResult(Sample Sample, ExecutionResult Result, bool Cached, EfficiencyScore? Efficiency = null);
