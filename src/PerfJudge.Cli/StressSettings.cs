using PerfJudge.Stress;

namespace PerfJudge.Cli;

/// <summary>Validated settings of <c>perfjudge stress</c>; the budget is resolved once the meter is known.
/// <paramref name="Fresh"/>: measure again instead of replaying searches kept in the store.</summary>
public sealed record StressSettings(string Suite, IReadOnlyList<string> Tasks, double? Budget, string OutDir, int Jobs,
    string Isolation, string? Python, StressOptions Options, string StorePath = ".perfjudge/results.db", bool Fresh = false);
