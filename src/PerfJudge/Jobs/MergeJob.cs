using PerfJudge.Judging;
using PerfJudge.Reports;
using PerfJudge.Storage;

namespace PerfJudge.Jobs;

/// <summary><c>merge</c>: reads the shards of a sharded run (results documents, or the latest run of
/// each shard of a group in a shared store, so a rerun shard replaces its killed attempt), merges them
/// (<see cref="ShardMerge"/>) and records the whole run in the store.</summary>
public sealed class MergeJob
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private readonly Func<string, IResultStore> _openStore;
    private readonly TimeProvider _time;

    /// <summary>Creates the job; <paramref name="openStore"/> opens a store string (tests give an in-memory store).</summary>
    public MergeJob(Func<string, IResultStore> openStore, TimeProvider time)
    {
        _openStore = openStore;
        _time = time;
    }

    /// <summary>Merges; expected failures (missing shards, files that are not results) come back as diagnostics.</summary>
    public async Task<JobResult<MergeOutcome>> RunAsync(MergeOptions options, CancellationToken cancel)
    {
        var diagnostics = new List<Diagnostic>(options.Validate());
        if (diagnostics.Any(d => d.IsError))
        {
            return JobFailure.Of<MergeOutcome>(diagnostics);
        }
        IResultStore? store = null;
        try
        {
            store = options.Store is null ? null : _openStore(options.Store);
            var shards = options.Documents.Count > 0
                ? ReadDocuments(options.Documents, diagnostics)
                : await ReadStoreAsync(store!, options, diagnostics, cancel);
            var report = shards is null ? null : ShardMerge.Merge(shards, diagnostics);
            if (report is null)
            {
                return JobFailure.Of<MergeOutcome>(diagnostics);
            }
            if (store is not null)
            {
                report = report with { Run = report.Run with { Id = RunIds.New(_time.GetUtcNow()) } };
                var recorded = ResultsDocument.Render(report);
                store.PutRun(new StoredRun(report.Run.Id!, report.Run.StartedUtc, report.Suite, report.RealModels.Count, report.Rows.Count), recorded);
                return new JobResult<MergeOutcome>(new MergeOutcome(report, recorded), diagnostics);
            }
            return new JobResult<MergeOutcome>(new MergeOutcome(report, ResultsDocument.Render(report)), diagnostics);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or ArgumentException or UriFormatException)
        {
            diagnostics.Add(Diagnostic.Environment("store.open", $"result store {ResultStores.Display(options.Store ?? "")}: {ex.Message}"));
            return JobFailure.Of<MergeOutcome>(diagnostics);
        }
        finally
        {
            store?.Dispose();
        }
    }

    private static List<(Report, string)>? ReadDocuments(IReadOnlyList<string> paths, List<Diagnostic> diagnostics)
    {
        var shards = new List<(Report, string)>();
        foreach (var path in paths)
        {
            try
            {
                shards.Add((ResultsDocumentReader.Read(File.ReadAllText(path), path), path));
            }
            catch (ReportFormatException ex)
            {
                diagnostics.Add(Diagnostic.Input("merge.document", ex.Message));
            }
        }
        return diagnostics.Any(d => d.IsError) ? null : shards;
    }

    private async Task<List<(Report, string)>?> ReadStoreAsync(IResultStore store, MergeOptions options, List<Diagnostic> diagnostics,
        CancellationToken cancel)
    {
        var deadline = _time.GetUtcNow().AddSeconds(options.WaitSeconds);
        while (true)
        {
            var runs = store.ListRuns().Where(r => r.ShardGroup is not null && r.ShardCount > 0).ToList();
            var group = options.Group ?? runs.FirstOrDefault()?.ShardGroup;
            // ListRuns is newest first: the first run of each index is its latest attempt.
            var latest = runs.Where(r => r.ShardGroup == group).GroupBy(r => r.ShardIndex).Select(g => g.First()).ToList();
            var complete = latest.Count > 0 && latest.Count == latest[0].ShardCount;
            if (complete || _time.GetUtcNow() >= deadline)
            {
                if (group is null)
                {
                    diagnostics.Add(Diagnostic.Input("merge.none", $"no shard runs recorded in {ResultStores.Display(options.Store!)}"));
                    return null;
                }
                diagnostics.Add(Diagnostic.Note("merge.group", $"run group {group}: {latest.Count} shard run(s) in the store"));
                return latest.OrderBy(r => r.ShardIndex).Select(r =>
                    (ResultsDocumentReader.Read(store.GetRun(r.Id)!, $"run {r.Id}"), $"run {r.Id} (shard {r.ShardIndex}/{r.ShardCount})")).ToList();
            }
            await Task.Delay(Poll, _time, cancel);
        }
    }
}
