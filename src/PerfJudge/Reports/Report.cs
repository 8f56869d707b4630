using PerfJudge.Results;

namespace PerfJudge.Reports;

/// <summary>Everything a report shows about one run, immutable; every renderer is a pure function
/// of it. Built after a run, or read back from a results document or the store.</summary>
/// <param name="Suite">Suite name.</param>
/// <param name="Run">Facts about the run.</param>
/// <param name="Models">Per-model summaries (then <c>(all)</c> when there are several models).</param>
/// <param name="Rows">One row per judged sample.</param>
public sealed record Report(string Suite, RunInfo Run, IReadOnlyList<ModelSummary> Models, IReadOnlyList<ResultRow> Rows)
{
    /// <summary>The models themselves, without the pooled <c>(all)</c> pseudo-model.</summary>
    public IReadOnlyList<ModelSummary> RealModels => Models.Where(m => m.Model != SummaryBuilder.AllModels).ToList();

    /// <summary>Task ids in order of first appearance.</summary>
    public IReadOnlyList<string> TaskIds => Rows.Select(r => r.TaskId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when any sample carries efficiency figures.</summary>
    public bool HasEfficiency => Rows.Any(r => r.Efficiency is not null);

    /// <summary>The report of <paramref name="rows"/>: every summary is computed from the rows, so a
    /// run read back from the store or merged from shards reports exactly what the live run did.</summary>
    public static Report Build(string suite, RunInfo run, IReadOnlyList<ResultRow> rows) =>
        new(suite, run, SummaryBuilder.Build(rows, run.Ks ?? DefaultKs), rows);

    /// <summary>The k of pass@k when a run does not say.</summary>
    public static IReadOnlyList<int> DefaultKs { get; } = [1];
}
