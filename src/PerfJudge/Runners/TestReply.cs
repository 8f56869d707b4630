using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>The verdict of one candidate on one task's test, and what it cost.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Detail">Human-readable reason (exception, failed assertion, limit).</param>
/// <param name="CpuSeconds">User+system CPU time of the candidate process.</param>
/// <param name="MaxRssKb">Peak resident set size of the candidate process.</param>
/// <param name="WallSeconds">Wall time from request to verdict.</param>
/// <param name="PeakMemoryBytes">Peak memory of the candidate: its cgroup's high-water mark (all its
/// processes, from the kernel) where cgroups are used, else its peak RSS from wait4; null when unknown.</param>
/// <param name="Controls">How each limit was enforced for this candidate (<c>memory</c>, <c>processes</c>,
/// <c>cpu_time</c>, <c>cpu_accounting</c>, <c>peak_memory</c>, <c>uid</c>; values such as <c>cgroup-v1</c>,
/// <c>cgroup-v2</c>, <c>rlimit</c>, <c>rusage</c>); null when the worker did not say.</param>
public sealed record TestReply(Verdict Verdict, string? Detail, double CpuSeconds, long MaxRssKb, double WallSeconds,
    long? PeakMemoryBytes = null, IReadOnlyDictionary<string, string>? Controls = null) : RunReply(Verdict, Detail);
