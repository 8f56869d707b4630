
namespace PerfJudge.Reports;

/// <summary>One judged sample as reports show it (a row of the results document).</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Model">Model name.</param>
/// <param name="Sample">Index among the samples of this (model, task).</param>
/// <param name="Line">Line in the samples file.</param>
/// <param name="Verdict">Verdict name (<c>passed</c>, <c>failed</c>, ...).</param>
/// <param name="Detail">What went wrong, as the judge saw it (may hold program output: escape it).</param>
/// <param name="Isolation">Isolation level used.</param>
/// <param name="CpuSeconds">CPU time of the candidate process.</param>
/// <param name="MaxRssKb">Peak resident memory of the candidate process.</param>
/// <param name="Cached">True when the result came from the store.</param>
/// <param name="Efficiency">Efficiency figures of efficiency tasks, else null.</param>
/// <param name="Costs">Cost fields of the samples file (completion_tokens, latency_s, usd).</param>
public sealed record ReportRow(string TaskId, string Model, int Sample, int Line, string Verdict, string? Detail,
    string Isolation, double CpuSeconds, long MaxRssKb, bool Cached, RowEfficiency? Efficiency,
    IReadOnlyDictionary<string, double> Costs)
{
    /// <summary>True when the verdict is <c>passed</c>.</summary>
    public bool Passed => Verdict == "passed";
}

/// <summary>Per-sample efficiency figures (see docs/metrics.md).</summary>
/// <param name="Efficiency">ENAMEL efficiency score e in [0, 1].</param>
/// <param name="Speedup">Reference cost / sample cost; null when censored or incorrect.</param>
/// <param name="Dps">Differential performance score.</param>
/// <param name="DpsNorm">Normalized DPS.</param>
/// <param name="Cost">Cost over scored cases, in the run's cost unit.</param>
/// <param name="ExceededLevel">First level whose time limit the sample exceeded, if any.</param>
/// <param name="MemoryRatio">Peak memory relative to the reference, if measured.</param>
public sealed record RowEfficiency(double Efficiency, double? Speedup, double Dps, double DpsNorm, double Cost,
    int? ExceededLevel, double? MemoryRatio);
