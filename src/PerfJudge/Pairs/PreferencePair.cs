using PerfJudge.Statistics;

namespace PerfJudge.Pairs;

/// <summary>Two programs for the same task, one preferred: by efficiency (both correct, the chosen
/// one significantly cheaper) or by correctness (the chosen one passes, the rejected one does not).</summary>
/// <param name="Kind"><c>efficiency</c> or <c>correctness</c>.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Chosen">The preferred program.</param>
/// <param name="Rejected">The other one.</param>
/// <param name="Ratio">Efficiency pairs: rejected cost / chosen cost with its interval.</param>
/// <param name="Cases">Efficiency pairs: scored cases compared.</param>
public sealed record PreferencePair(string Kind, string TaskId, PairSide Chosen, PairSide Rejected, PairedRatio.Estimate? Ratio, int Cases);
