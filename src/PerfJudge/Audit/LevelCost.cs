namespace PerfJudge.Audit;

/// <summary>One generated level of an efficiency task (ENAMEL) over the audit's rounds: whether its inputs can
/// tell fast code from slow.</summary>
/// <param name="Level">Level index (ENAMEL: 0 is correctness only).</param>
/// <param name="Cases">Cases in the level.</param>
/// <param name="ReferenceSeconds">The first reference's cost per case (median over rounds of the level's mean).</param>
/// <param name="Cov">CoV over rounds of the first reference's total cost on the level.</param>
/// <param name="Clusters">Distinct cost levels among the references and the given correct samples (EvalPerf asks for at least 4);
/// null with one program (ENAMEL gives one reference: pass <c>--samples</c>).</param>
/// <param name="P99Cov">99th percentile over those programs of each one's CoV over rounds (EvalPerf asks for at most 5 %).</param>
public sealed record LevelCost(int Level, int Cases, double ReferenceSeconds, double Cov, int? Clusters, double P99Cov);
