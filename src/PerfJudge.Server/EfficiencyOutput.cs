namespace PerfJudge.Server;

/// <summary>Efficiency figures of one judgement (docs/metrics.md).</summary>
/// <param name="Efficiency">ENAMEL efficiency in [0, 1].</param>
/// <param name="Speedup">Reference cost / candidate cost; null when censored or incorrect.</param>
/// <param name="Dps">EvalPerf DPS.</param>
/// <param name="DpsNorm">EvalPerf DPS_norm.</param>
/// <param name="Cost">Cost over the scored cases.</param>
/// <param name="Meter">Meter of the cost.</param>
public sealed record EfficiencyOutput(double Efficiency, double? Speedup, double Dps, double DpsNorm, double Cost, string Meter);
