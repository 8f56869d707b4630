using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>What the worker measured for one program of an efficiency task.</summary>
/// <param name="Verdict">Correctness verdict over the cases it ran.</param>
/// <param name="Detail">Reason when not passed.</param>
/// <param name="Times">Cost (seconds) per case, the protocol's estimate over rounds (median or Hodges-Lehmann); null for cases not run.</param>
/// <param name="ExceededLevel">First level whose time limit it exceeded, if any.</param>
/// <param name="MaxRssKb">Peak resident memory over its rounds.</param>
/// <param name="CpuSeconds">User+system CPU of its processes over all rounds (wait4 rusage).</param>
/// <param name="PeakMemoryBytes">Whole programs: the largest peak memory of its runs, else null.</param>
/// <param name="PeakMemorySource">Where <paramref name="PeakMemoryBytes"/> comes from: <c>cgroup-v1</c>, <c>cgroup-v2</c> or <c>rusage</c>.</param>
/// <param name="HiddenChargedSeconds">Split window only (ENAMEL's protocol): the decoding and encoding work charged
/// to the program beyond the trust margin over the null program's, summed over its cases (docs/measurement.md,
/// "Split window"); null when the window was not split.</param>
/// <param name="Rounds">How many rounds measured it (extra rounds make it vary by task); null when the reply did not say.</param>
public sealed record ProgramMeasurement(Verdict Verdict, string? Detail, IReadOnlyList<double?> Times, int? ExceededLevel, long MaxRssKb,
    double CpuSeconds, long? PeakMemoryBytes = null, string? PeakMemorySource = null, double? HiddenChargedSeconds = null,
    int? Rounds = null);

/// <summary>One efficiency task measured in one worker: case levels, per-level time limits, and
/// the measurements of its references and samples (in request order).</summary>
/// <param name="CaseLevels">The level of each case.</param>
/// <param name="LevelLimits">T per level, in meter units.</param>
/// <param name="References">The references' measurements.</param>
/// <param name="Samples">The samples' measurements.</param>
/// <param name="Window">The window the costs were read in: <c>split</c> (the call alone, ENAMEL's protocol) or
/// <c>round-trip</c> (also when a split window was asked for but no null-program run succeeded); null when the
/// reply did not say (replies stored before it was kept, whole programs).</param>
/// <param name="BatchedCases">How many cases were measured in checked batches (split window); null when the reply did not say.</param>
public sealed record TaskMeasurement(IReadOnlyList<int> CaseLevels, IReadOnlyList<double> LevelLimits,
    IReadOnlyList<ProgramMeasurement> References, IReadOnlyList<ProgramMeasurement> Samples, string? Window = null,
    int? BatchedCases = null);
