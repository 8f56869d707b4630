namespace PerfJudge.Judging;

/// <summary>What the trusted side decided about one execution, and what it cost.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Detail">Human-readable reason (exception, failed assertion, limit).</param>
/// <param name="Isolation">Isolation level the candidate ran under.</param>
/// <param name="CpuSeconds">User+system CPU time of the candidate process (wait4 rusage).</param>
/// <param name="MaxRssKb">Peak resident set size of the candidate process.</param>
/// <param name="WallSeconds">Wall time from request to verdict.</param>
public sealed record ExecutionResult(Verdict Verdict, string? Detail, string Isolation, double CpuSeconds,
    long MaxRssKb, double WallSeconds);
