using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>A program's results on a task's tests.</summary>
/// <param name="Verdict">Passed when every test passed, else the verdict of the first test that did not.</param>
/// <param name="Detail">Which test, and why.</param>
/// <param name="Tests">Per test, in order; null for a test not run (after a failure, with stop on failure).</param>
public sealed record ProgramReply(Verdict Verdict, string? Detail, IReadOnlyList<ProgramTestResult?> Tests) : RunReply(Verdict, Detail)
{
    /// <summary>CPU seconds summed over the tests that ran (each the median over rounds).</summary>
    public double CpuSeconds => Tests.Sum(t => t?.CpuSeconds ?? 0);

    /// <summary>The largest peak RSS of any test.</summary>
    public long MaxRssKb => Tests.Count == 0 ? 0 : Tests.Max(t => t?.MaxRssKb ?? 0);

    /// <summary>The largest peak memory of any test (<see cref="ProgramTestResult.PeakMemoryBytes"/>), or null when none says.</summary>
    public long? PeakMemoryBytes => Tests.Where(t => t?.PeakMemoryBytes is not null).Select(t => t!.PeakMemoryBytes).DefaultIfEmpty(null).Max();

    /// <summary>Where <see cref="PeakMemoryBytes"/> comes from: the cgroup's version when every test's figure is the cgroup's,
    /// <c>rusage</c> when any is wait4's ru_maxrss; null when no test says.</summary>
    public string? PeakMemorySource => Tests.Select(t => t?.PeakMemorySource).OfType<string>().Distinct().ToList() switch
    {
        [] => null,
        [var one] => one,
        _ => "rusage",
    };
}
