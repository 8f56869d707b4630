using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>One test of a whole program.</summary>
/// <param name="Verdict">The test's verdict.</param>
/// <param name="Points">Share of the test's credit in [0, 1] (1 when passed; partial checkers may give less).</param>
/// <param name="CpuSeconds">CPU time of the process (user+system from wait4), median over rounds.</param>
/// <param name="WallSeconds">Wall time of the last run.</param>
/// <param name="MaxRssKb">Peak resident memory.</param>
/// <param name="Detail">Why, when not passed.</param>
/// <param name="PeakMemoryBytes">Peak memory over its rounds: the cgroup's high-water mark (all the program's processes)
/// where the worker's cgroups are used, else wait4's ru_maxrss; null in replies of older harnesses.</param>
/// <param name="PeakMemorySource">Where <paramref name="PeakMemoryBytes"/> comes from: <c>cgroup-v1</c>, <c>cgroup-v2</c> or <c>rusage</c>.</param>
public sealed record ProgramTestResult(Verdict Verdict, double Points, double CpuSeconds, double WallSeconds, long MaxRssKb, string? Detail,
    long? PeakMemoryBytes = null, string? PeakMemorySource = null);
