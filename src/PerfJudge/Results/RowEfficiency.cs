namespace PerfJudge.Results;

/// <summary>Per-sample efficiency figures (see docs/metrics.md).</summary>
/// <param name="Efficiency">ENAMEL efficiency score e: in [0, 1], or above 1 under ENAMEL's protocol for a sample faster than the reference.</param>
/// <param name="Speedup">Reference cost / sample cost; null when censored or incorrect.</param>
/// <param name="Dps">Differential performance score.</param>
/// <param name="DpsNorm">Normalized DPS.</param>
/// <param name="Cost">Cost over scored cases, in the run's cost unit.</param>
/// <param name="ExceededLevel">First level whose time limit the sample exceeded, if any.</param>
/// <param name="MemoryRatio">Peak memory relative to the reference, if measured.</param>
/// <param name="CaseCosts">Cost of each scored case (the protocol's estimate over rounds), in case order, when the sample
/// completed every scored case; their sum is <paramref name="Cost"/>. Two samples of a task are compared
/// case by case with them (docs/pairs.md). Null in documents written before they were kept.</param>
/// <param name="Window">Split-window protocols (ENAMEL's): the window the task's costs were read in, <c>split</c>
/// (the call alone) or <c>round-trip</c> (no null-program run succeeded, so the costs are round trips less the
/// null program's); null under other protocols.</param>
/// <param name="BatchedCases">Split-window protocols: how many of the task's cases were measured in checked batches
/// of 64 inputs per window; null under other protocols.</param>
/// <param name="HiddenChargedSeconds">Split window: the decoding and encoding work charged to this sample beyond the
/// trust margin (docs/measurement.md, "Split window"), summed over its cases, in seconds per call; null when the window
/// was not split.</param>
/// <param name="Rounds">Split-window protocols (ENAMEL's): how many rounds measured this sample (extra rounds make it vary by task); null otherwise.</param>
public sealed record RowEfficiency(double Efficiency, double? Speedup, double Dps, double DpsNorm, double Cost,
    int? ExceededLevel, double? MemoryRatio, IReadOnlyList<double>? CaseCosts = null, string? Window = null,
    int? BatchedCases = null, double? HiddenChargedSeconds = null, int? Rounds = null);
