using PerfJudge.Judging;

namespace PerfJudge.Jobs;

/// <summary>What <c>merge</c> is asked to do: merge shard results documents, or the shards of one
/// group recorded in a shared store, into one run.</summary>
/// <param name="Documents">Results documents of the shards (empty: read the shards from <paramref name="Store"/>).</param>
/// <param name="Store">The store to read shards from and record the merged run in (null: do not record).</param>
/// <param name="Group">The sharded run to merge from the store (null: the latest one recorded there).</param>
/// <param name="WaitSeconds">Wait up to this long for missing shards to be recorded in the store.</param>
public sealed record MergeOptions(IReadOnlyList<string> Documents, string? Store, string? Group = null, double WaitSeconds = 0)
{
    /// <summary>Every problem with these options.</summary>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var problems = new List<Diagnostic>();
        if (Documents.Count == 0 && string.IsNullOrWhiteSpace(Store))
        {
            problems.Add(Diagnostic.Usage("--store", "give the shards' results documents, or the store they were recorded in"));
        }
        if (Documents.Count > 0 && Group is not null)
        {
            problems.Add(Diagnostic.Usage("--group", "selects shards in the store; it cannot be combined with documents"));
        }
        if (WaitSeconds is < 0 or > 7 * 24 * 3600)
        {
            problems.Add(Diagnostic.Usage("--wait", "must be between 0 and 604800 seconds"));
        }
        problems.AddRange(Documents.Where(d => !File.Exists(d)).Select(d => Diagnostic.Input("merge.file", "file not found", d)));
        return problems;
    }
}
