using PerfJudge.Runners;

namespace PerfJudge.Cli;

/// <summary>Validated settings of <c>perfjudge eval</c>.</summary>
public sealed record EvalSettings(string Suite, string? Samples, IReadOnlyList<int> Ks, int Jobs, ExecutionLimits Limits,
    string? JsonOut, string StorePath, bool NoCache, bool SkipInvalid, string Isolation, string? Python);
