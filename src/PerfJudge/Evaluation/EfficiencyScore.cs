namespace PerfJudge.Evaluation;

/// <summary>Efficiency figures of one sample relative to its task's references.</summary>
/// <param name="Efficiency">ENAMEL efficiency in [0, 1] (0 when incorrect).</param>
/// <param name="Speedup">Reference cost / sample cost over the scored cases; null when the sample
/// is incorrect or exceeded a time limit (censored: it is then at most 1/alpha).</param>
/// <param name="Dps">EvalPerf DPS in [0, 1].</param>
/// <param name="DpsNorm">EvalPerf DPS_norm in [0, 1].</param>
/// <param name="Cost">Sum of the sample's per-case costs over the scored cases it completed, in the meter's unit.</param>
/// <param name="ExceededLevel">First level on which the sample exceeded its time limit, if any.</param>
/// <param name="MemoryRatio">Sample peak RSS / reference peak RSS (EffiBench NMU), when correct.</param>
public sealed record EfficiencyScore(double Efficiency, double? Speedup, double Dps, double DpsNorm, double Cost,
    int? ExceededLevel, double? MemoryRatio = null);
