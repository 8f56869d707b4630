using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>The verdict of one candidate on one task's test, and what it cost.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Detail">Human-readable reason (exception, failed assertion, limit).</param>
/// <param name="CpuSeconds">User+system CPU time of the candidate process.</param>
/// <param name="MaxRssKb">Peak resident set size of the candidate process.</param>
/// <param name="WallSeconds">Wall time from request to verdict.</param>
public sealed record TestReply(Verdict Verdict, string? Detail, double CpuSeconds, long MaxRssKb, double WallSeconds)
    : RunReply(Verdict, Detail);
