using PerfJudge.Stress;

namespace PerfJudge.Cli;

/// <summary>Validated settings of <c>perfjudge stress</c>; the budget is resolved once the meter is known.</summary>
public sealed record StressSettings(string Suite, IReadOnlyList<string> Tasks, double? Budget, string OutDir, int Jobs,
    string Isolation, string? Python, StressOptions Options);
