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

    /// <summary>The row of <paramref name="sample"/> of a whole-program task;
    /// <paramref name="peakMemoryBytes"/> and its <paramref name="peakSource"/> (<c>cgroup-v1</c>, <c>cgroup-v2</c>, <c>rusage</c>)
    /// become the row's <see cref="ResultRow.PeakMemoryKb"/> and its <c>peak_memory</c> control.</summary>
    public static ResultRow OfProgram(Sample sample, Verdict verdict, string? detail, double cpuSeconds, long maxRssKb, bool cached,
        RowEnvironment environment, RowProgram program, long? peakMemoryBytes = null, string? peakSource = null) =>
        Of(sample, verdict, detail, cpuSeconds, maxRssKb, cached, null, environment, peakMemoryBytes,
            peakSource is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["peak_memory"] = peakSource }) with
        {
            Program = program with
            {
                Score = Math.Round(program.Score, 6),
                Subtasks = program.Subtasks.Select(x => Math.Round(x, 6)).ToList(),
                CompileSeconds = Math.Round(program.CompileSeconds, 6),
                Speedup = program.Speedup is null ? null : Math.Round(program.Speedup.Value, 6),
            },
        };

    /// <summary>Efficiency figures rounded as rows keep them.</summary>
    public static RowEfficiency Round(RowEfficiency e) => e with
    {
        Efficiency = Math.Round(e.Efficiency, 6),
        Speedup = e.Speedup is null ? null : Math.Round(e.Speedup.Value, 6),
        Dps = Math.Round(e.Dps, 6),
        DpsNorm = Math.Round(e.DpsNorm, 6),
        MemoryRatio = e.MemoryRatio is null ? null : Math.Round(e.MemoryRatio.Value, 6),
        HiddenChargedSeconds = e.HiddenChargedSeconds is null ? null : Math.Round(e.HiddenChargedSeconds.Value, 9),
    };
}
