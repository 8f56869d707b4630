using PerfJudge.Judging;

namespace PerfJudge.Cli;

/// <summary>Validated settings of <c>perfjudge eval</c>.</summary>
public sealed record EvalSettings(string Suite, string? Samples, IReadOnlyList<int> Ks, int Jobs, ExecutionLimits Limits,
    string? JsonOut, string StorePath, bool NoCache, bool SkipInvalid, string Isolation, string? Python,
    int Rounds = 3, double Alpha = 2.0, int Seed = 0, string Meter = "auto", IReadOnlyList<string>? Metrics = null, string? HtmlOut = null);
