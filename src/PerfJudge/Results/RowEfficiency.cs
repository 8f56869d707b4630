namespace PerfJudge.Results;

/// <summary>Per-sample efficiency figures (see docs/metrics.md).</summary>
/// <param name="Efficiency">ENAMEL efficiency score e: in [0, 1], or above 1 under ENAMEL's protocol for a sample faster than the reference.</param>
/// <param name="Speedup">Reference cost / sample cost; null when censored or incorrect.</param>
/// <param name="Dps">Differential performance score.</param>
/// <param name="DpsNorm">Normalized DPS.</param>
/// <param name="Cost">Cost over scored cases, in the run's cost unit.</param>
/// <param name="ExceededLevel">First level whose time limit the sample exceeded, if any.</param>
/// <param name="MemoryRatio">Peak memory relative to the reference, if measured.</param>
/// <param name="CaseCosts">Cost of each scored case (median over rounds), in case order, when the sample
/// completed every scored case; their sum is <paramref name="Cost"/>. Two samples of a task are compared
/// case by case with them (docs/pairs.md). Null in documents written before they were kept.</param>
public sealed record RowEfficiency(double Efficiency, double? Speedup, double Dps, double DpsNorm, double Cost,
    int? ExceededLevel, double? MemoryRatio, IReadOnlyList<double>? CaseCosts = null);
