using System.Text.Json.Nodes;
using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>What the worker measured for one program of an efficiency task.</summary>
/// <param name="Verdict">Correctness verdict over the cases it ran.</param>
/// <param name="Detail">Reason when not passed.</param>
/// <param name="Times">Cost (seconds) per case, median over rounds; null for cases not run.</param>
/// <param name="ExceededLevel">First level whose time limit it exceeded, if any.</param>
/// <param name="MaxRssKb">Peak resident memory over its rounds.</param>
/// <param name="CpuSeconds">User+system CPU of its processes over all rounds (wait4 rusage).</param>
/// <param name="PeakMemoryBytes">Whole programs: the largest peak memory of its runs, else null.</param>
/// <param name="PeakMemorySource">Where <paramref name="PeakMemoryBytes"/> comes from: <c>cgroup-v1</c>, <c>cgroup-v2</c> or <c>rusage</c>.</param>
public sealed record ProgramMeasurement(Verdict Verdict, string? Detail, IReadOnlyList<double?> Times, int? ExceededLevel, long MaxRssKb,
    double CpuSeconds, long? PeakMemoryBytes = null, string? PeakMemorySource = null);

/// <summary>One efficiency task measured in one worker: case levels, per-level time limits, and
/// the measurements of its references and samples (in request order).</summary>
public sealed record TaskMeasurement(IReadOnlyList<int> CaseLevels, IReadOnlyList<double> LevelLimits,
    IReadOnlyList<ProgramMeasurement> References, IReadOnlyList<ProgramMeasurement> Samples)
{
    /// <summary>Reads the worker's reply to a <c>perf</c> request.</summary>
    public static TaskMeasurement Parse(JsonNode node)
    {
        static ProgramMeasurement Program(JsonNode? p) => new(
            VerdictNames.Parse(p!["verdict"]?.GetValue<string>()),
            p["detail"]?.GetValue<string>(),
            p["times"]!.AsArray().Select(t => t?.GetValue<double>()).ToList(),
            p["exceeded_level"]?.GetValue<int>(),
            p["max_rss_kb"]?.GetValue<long>() ?? 0,
            p["cpu_s"]?.GetValue<double>() ?? 0);
        return new TaskMeasurement(
            node["case_levels"]!.AsArray().Select(x => x!.GetValue<int>()).ToList(),
            node["level_limits"]!.AsArray().Select(x => x!.GetValue<double>()).ToList(),
            node["references"]!.AsArray().Select(Program).ToList(),
            node["samples"]!.AsArray().Select(Program).ToList());
    }
}
