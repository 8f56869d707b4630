using PerfJudge.Judging;
using PerfJudge.Samples;

namespace PerfJudge.Results;

/// <summary>Makes result rows. Figures are rounded here, once, to what the results document keeps,
/// so a run rebuilt from its document computes exactly the summaries the live run showed.</summary>
public static class Rows
{
    /// <summary>The row of <paramref name="sample"/>.</summary>
    public static ResultRow Of(Sample sample, Verdict verdict, string? detail, double cpuSeconds, long maxRssKb, bool cached,
        RowEfficiency? efficiency, RowEnvironment environment, long? peakMemoryBytes = null,
        IReadOnlyDictionary<string, string>? controls = null) =>
        new(sample.TaskId, sample.Model, sample.Index, sample.Line, verdict.Name(), detail, environment.Isolation,
            Math.Round(cpuSeconds, 6), maxRssKb, cached, efficiency is null ? null : Round(efficiency), sample.Costs,
            environment.Runtime, environment.Machine, peakMemoryBytes is { } b ? (b + 1023) / 1024 : null, controls);

    private static RowEfficiency Round(RowEfficiency e) => e with
    {
        Efficiency = Math.Round(e.Efficiency, 6),
        Speedup = e.Speedup is null ? null : Math.Round(e.Speedup.Value, 6),
        Dps = Math.Round(e.Dps, 6),
        DpsNorm = Math.Round(e.DpsNorm, 6),
        MemoryRatio = e.MemoryRatio is null ? null : Math.Round(e.MemoryRatio.Value, 6),
    };
}
