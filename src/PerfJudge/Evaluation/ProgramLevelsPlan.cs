using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Tasks;

namespace PerfJudge.Evaluation;

/// <summary>Efficiency of whole-program tasks with levels: one <see cref="ProgramPerfRequest"/> per task with every
/// reference and every distinct sample program that passed the task's tests, so references are re-measured in the
/// same run on the same machine; each sample's figures come from <see cref="EfficiencyScorer"/>, the code that
/// scores function tasks (eff@k, DPS, speedup).</summary>
public static class ProgramLevelsPlan
{
    /// <summary>The figures of a sample that is not correct: efficiency 0, no speedup.</summary>
    public static readonly RowEfficiency Incorrect = new(0, null, 0, 0, 0, null, null);

    /// <summary>The request measuring <paramref name="task"/>: its compiled <paramref name="references"/> (null when one does
    /// not compile) and the distinct <paramref name="samples"/> (language, artifact) that passed its tests.</summary>
    public static ProgramPerfRequest Request(string task, ProgramSpec spec, IReadOnlyList<ProgramArtifact> references,
        ProgramArtifact? checker, IReadOnlyList<ProgramArtifact> samples, EfficiencyOptions options)
    {
        var levels = spec.Levels!;
        var all = references.Concat(samples).ToList();
        var limits = all.Count == 0 ? options.Limits : all[0].Limits with
        {
            WallSeconds = all.Max(a => a.Limits.WallSeconds),
            CpuSeconds = all.Max(a => a.Limits.CpuSeconds),
        };
        return new ProgramPerfRequest(task, levels.Generator, levels.Levels, options.Seed, spec.CheckerProgram is null ? spec.Checker : null,
            checker, references, samples, options.Alpha, levels.LimitReferences, options.Rounds, options.Meter, limits);
    }

    /// <summary>The row of a sample that passed the task's tests, as sample <paramref name="index"/> of the measured task:
    /// a sample that fails a level's case (wrong output, crash, memory) is not correct, and its row says why.</summary>
    public static ResultRow Score(ResultRow row, ProgramSpec spec, PerfReply reply, int index)
    {
        if (reply.Measurement is not { } measurement)
        {
            return row with
            {
                Verdict = Verdict.SandboxError.Name(),
                Detail = "the task's levels could not be measured: " + reply.Detail,
                Efficiency = null,
            };
        }
        var measured = measurement.Samples[index];
        var efficiency = Rows.Round(EfficiencyScorer.Score(spec.Levels!.Levels, measurement, index));
        var peak = Math.Max(row.PeakMemoryKb ?? 0, ((measured.PeakMemoryBytes ?? 0) + 1023) / 1024);
        var scored = row with
        {
            Efficiency = efficiency,
            PeakMemoryKb = row.PeakMemoryKb is null && measured.PeakMemoryBytes is null ? null : peak,
            Controls = PeakSource(row.Controls, measured.PeakMemorySource),
        };
        return measured.Verdict == Verdict.Passed ? scored : scored with { Verdict = measured.Verdict.Name(), Detail = measured.Detail };
    }

    /// <summary>The row's controls with <c>peak_memory</c> set to <paramref name="source"/> (<c>rusage</c> wins over a cgroup:
    /// the figure is then partly a single process's).</summary>
    public static IReadOnlyDictionary<string, string>? PeakSource(IReadOnlyDictionary<string, string>? controls, string? source)
    {
        if (source is null)
        {
            return controls;
        }
        var merged = new Dictionary<string, string>(controls ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        merged["peak_memory"] = merged.TryGetValue("peak_memory", out var before) && before != source ? "rusage" : source;
        return merged;
    }
}
