using PerfJudge.Evaluation;
using PerfJudge.Judging;

namespace PerfJudge.Reports;

/// <summary>Everything a report shows about one run, immutable; every renderer is a pure function
/// of it. Built after a run, or read back from a results document or the store.</summary>
/// <param name="Suite">Suite name.</param>
/// <param name="Run">Facts about the run.</param>
/// <param name="Models">Per-model summaries (then <c>(all)</c> when there are several models).</param>
/// <param name="Rows">One row per judged sample.</param>
public sealed record Report(string Suite, RunInfo Run, IReadOnlyList<ModelSummary> Models, IReadOnlyList<ReportRow> Rows)
{
    /// <summary>The models themselves, without the pooled <c>(all)</c> pseudo-model.</summary>
    public IReadOnlyList<ModelSummary> RealModels => Models.Where(m => m.Model != SummaryBuilder.AllModels).ToList();

    /// <summary>Task ids in order of first appearance.</summary>
    public IReadOnlyList<string> TaskIds => Rows.Select(r => r.TaskId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when any sample carries efficiency figures.</summary>
    public bool HasEfficiency => Rows.Any(r => r.Efficiency is not null);

    /// <summary>Builds the report of a finished evaluation.</summary>
    public static Report From(string suite, IReadOnlyList<ModelSummary> summaries, IReadOnlyList<SampleResult> results, RunInfo run)
    {
        var rows = results.Select(r => new ReportRow(r.Sample.TaskId, r.Sample.Model, r.Sample.Index, r.Sample.Line,
            r.Result.Verdict.Name(), r.Result.Detail, r.Result.Isolation, r.Result.CpuSeconds, r.Result.MaxRssKb, r.Cached,
            r.Efficiency is { } e ? new RowEfficiency(e.Efficiency, e.Speedup, e.Dps, e.DpsNorm, e.Cost, e.ExceededLevel, e.MemoryRatio) : null,
            r.Sample.Costs)).ToList();
        return new Report(suite, run with { Fingerprint = run.Fingerprint ?? MachineFingerprint.Current }, summaries, rows);
    }
}
