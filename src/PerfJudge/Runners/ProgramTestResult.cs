using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>One test of a whole program.</summary>
/// <param name="Verdict">The test's verdict.</param>
/// <param name="Points">Share of the test's credit in [0, 1] (1 when passed; partial checkers may give less).</param>
/// <param name="CpuSeconds">CPU time of the process (user+system from wait4), median over rounds.</param>
/// <param name="WallSeconds">Wall time of the last run.</param>
/// <param name="MaxRssKb">Peak resident memory.</param>
/// <param name="Detail">Why, when not passed.</param>
public sealed record ProgramTestResult(Verdict Verdict, double Points, double CpuSeconds, double WallSeconds, long MaxRssKb, string? Detail);
