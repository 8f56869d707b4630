using PerfJudge.Reports;

namespace PerfJudge.Jobs;

/// <summary>A merged run.</summary>
/// <param name="Report">The report of the whole run (summaries recomputed from all shards' rows).</param>
/// <param name="Document">Its results document, as recorded in the store.</param>
public sealed record MergeOutcome(Report Report, string Document);
