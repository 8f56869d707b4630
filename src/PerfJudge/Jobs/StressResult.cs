using PerfJudge.Stress;

namespace PerfJudge.Jobs;

/// <summary>A finished stress search.</summary>
/// <param name="Outcomes">Per task, in suite order.</param>
/// <param name="Search">The options used (meter and budget resolved).</param>
/// <param name="SuitePath">The stressed suite written.</param>
/// <param name="ReportPath">The measurements written.</param>
/// <param name="WallSeconds">How long it took.</param>
public sealed record StressResult(IReadOnlyList<StressOutcome> Outcomes, StressOptions Search, string SuitePath, string ReportPath,
    double WallSeconds);
