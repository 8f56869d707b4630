namespace PerfJudge.Storage;

/// <summary>A view of a store that finds nothing but keeps what is written (<c>--fresh</c>): work
/// is done again and its results replace the old ones. Does not own the inner store.</summary>
public sealed class WriteOnlyStore(IResultStore inner) : IResultStore
{
    /// <inheritdoc />
    public string? GetDocument(string key) => null;

    /// <inheritdoc />
    public void PutDocument(string key, string json) => inner.PutDocument(key, json);

    /// <inheritdoc />
    public void PutRun(StoredRun run, string json) => inner.PutRun(run, json);

    /// <inheritdoc />
    public string? GetRun(string? id) => inner.GetRun(id);

    /// <inheritdoc />
    public IReadOnlyList<StoredRun> ListRuns() => inner.ListRuns();

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
