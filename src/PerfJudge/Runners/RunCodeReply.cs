using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>How one run of a program ended (<see cref="RunCodeRequest"/>).</summary>
/// <param name="Verdict"><c>passed</c> (exit 0 within the limits), <c>error</c> (another exit code), <c>crashed</c> (a signal),
/// <c>timeout</c>, <c>memory_limit</c>, <c>output_limit</c>; <c>sandbox_error</c> when the runner failed.</param>
/// <param name="Detail">Why, when not passed.</param>
/// <param name="ExitCode">The exit code, or -N when signal N ended it; null when it was killed at the wall limit (or never ran).</param>
/// <param name="Stdout">What it printed on stdout (at most the output limit; invalid UTF-8 replaced).</param>
/// <param name="StdoutTruncated">True when stdout reached the output limit.</param>
/// <param name="Stderr">The first 64 KiB of its stderr.</param>
/// <param name="WallSeconds">Wall time of the run.</param>
/// <param name="CpuSeconds">CPU time (user + system, from wait4).</param>
/// <param name="PeakMemoryKb">Peak memory: from the worker's cgroup when it has one, else the peak RSS.</param>
public sealed record RunCodeReply(Verdict Verdict, string? Detail, int? ExitCode, string Stdout, bool StdoutTruncated, string Stderr,
    double WallSeconds, double CpuSeconds, long PeakMemoryKb) : RunReply(Verdict, Detail);
