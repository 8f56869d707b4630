using System.Globalization;
using PerfJudge.Judging;

namespace PerfJudge.Reports;

/// <summary>Merges the reports of a sharded run's shards into the report of the whole run: rows are
/// concatenated in the single run's order (the samples file's line order) and every summary is
/// recomputed from them, so correctness metrics equal a single-machine run's. Efficiency figures are
/// per task, and a task never spans shards, so they carry over too. The merged run lists each shard's
/// environment, and a warning says when the shards ran on different machines.</summary>
public static class ShardMerge
{
    /// <summary>Merges <paramref name="shards"/> (each with a name for messages); null with the
    /// reasons in <paramref name="diagnostics"/> when they are not the complete set of one run's shards.</summary>
    public static Report? Merge(IReadOnlyList<(Report Report, string Source)> shards, ICollection<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        if (shards.Count == 0)
        {
            diagnostics.Add(Diagnostic.Input("merge.none", "no shard results to merge"));
            return null;
        }
        foreach (var (report, source) in shards.Where(s => s.Report.Run.Shard is null))
        {
            diagnostics.Add(Diagnostic.Input("merge.not-shard", "not the result of a shard (run it with 'eval --shard I/N')", source));
        }
        if (diagnostics.Count(d => d.IsError) > errors)
        {
            return null;
        }
        var first = shards[0].Report;
        var count = first.Run.Shard!.Count;
        Check(shards, diagnostics, "merge.group", "shards of different runs (groups {0})", r => r.Run.Shard!.Group);
        Check(shards, diagnostics, "merge.count", "shards of different partitions (shard counts {0})", r => r.Run.Shard!.Count.ToString(CultureInfo.InvariantCulture));
        Check(shards, diagnostics, "merge.suite", "shards of different suites ({0})", r => r.Suite);
        Check(shards, diagnostics, "merge.k", "shards with different k ({0})", r => string.Join(",", r.Run.Ks ?? Report.DefaultKs));
        Check(shards, diagnostics, "merge.meter", "shards with different meters ({0})", r => r.Run.Meter ?? "none");
        foreach (var twice in shards.GroupBy(s => s.Report.Run.Shard!.Index).Where(g => g.Count() > 1))
        {
            diagnostics.Add(Diagnostic.Input("merge.duplicate", $"shard {twice.Key} given {twice.Count()} times ({string.Join(", ", twice.Select(s => s.Source))})"));
        }
        var missing = Enumerable.Range(0, count).Except(shards.Select(s => s.Report.Run.Shard!.Index)).ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(Diagnostic.Input("merge.missing", $"{missing.Count} of {count} shards missing: {string.Join(", ", missing)} (run them, or rerun them to resume)"));
        }
        if (diagnostics.Count(d => d.IsError) > errors)
        {
            return null;
        }
        var ordered = shards.OrderBy(s => s.Report.Run.Shard!.Index).Select(s => s.Report).ToList();
        var rows = ordered.SelectMany(r => r.Rows).OrderBy(r => r.Line).ToList();
        var twiceJudged = rows.GroupBy(r => (r.Model, r.TaskId, r.Sample)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twiceJudged.Count > 0)
        {
            diagnostics.Add(Diagnostic.Input("merge.overlap", $"{twiceJudged.Count} sample(s) judged by more than one shard, e.g. " +
                $"{twiceJudged[0].Model} {twiceJudged[0].TaskId} #{twiceJudged[0].Sample}: the shards do not partition one samples file"));
            return null;
        }
        return Report.Build(first.Suite, MergedRun(ordered, diagnostics), rows);
    }

    private static RunInfo MergedRun(IReadOnlyList<Report> shards, ICollection<Diagnostic> diagnostics)
    {
        var runs = shards.Select(s => s.Run).ToList();
        var started = runs.Min(r => r.StartedUtc);
        var ended = runs.Max(r => r.StartedUtc.AddSeconds(r.WallSeconds));
        var machines = runs.Select(r => r.Fingerprint ?? "unknown").Distinct(StringComparer.Ordinal).ToList();
        if (machines.Count > 1)
        {
            diagnostics.Add(Diagnostic.Warning("merge.machines", $"the shards ran on {machines.Count} different machines ({string.Join("; ", machines)}): " +
                "each task's references and samples were measured together on one machine, but costs of tasks on different machines are not comparable"));
        }
        var list = shards.Select(s => new ShardRun(s.Run.Shard!.Index, s.Run.Id, s.Run.StartedUtc, s.Run.WallSeconds, s.Rows.Count,
            s.Run.Isolation, s.Run.PythonVersion, s.Run.Fingerprint)).ToList();
        var head = runs[0];
        return new RunInfo(started, (ended - started).TotalSeconds, Joined(runs.Select(r => r.Isolation)), Joined(runs.Select(r => r.PythonVersion)),
            head.TimeoutSeconds, head.EngineVersion, head.Meter, head.CostUnit, machines.Count == 1 ? head.Fingerprint : null, null, head.Ks,
            null, list);
    }

    private static string Joined(IEnumerable<string> values) => string.Join(",", values.Distinct(StringComparer.Ordinal));

    private static void Check(IReadOnlyList<(Report Report, string Source)> shards, ICollection<Diagnostic> diagnostics, string code,
        string message, Func<Report, string> key)
    {
        var values = shards.Select(s => key(s.Report)).Distinct(StringComparer.Ordinal).ToList();
        if (values.Count > 1)
        {
            diagnostics.Add(Diagnostic.Input(code, string.Format(CultureInfo.InvariantCulture, message, string.Join(" / ", values))));
        }
    }
}
