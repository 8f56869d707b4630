namespace PerfJudge.Storage;

/// <summary>A store that keeps nothing (<c>--no-cache</c>).</summary>
public sealed class NullResultStore : IResultStore
{
    /// <inheritdoc />
    public string? GetDocument(string key) => null;

    /// <inheritdoc />
    public void PutDocument(string key, string json)
    {
    }

    /// <inheritdoc />
    public void PutRun(StoredRun run, string json)
    {
    }

    /// <inheritdoc />
    public string? GetRun(string? id) => null;

    /// <inheritdoc />
    public IReadOnlyList<StoredRun> ListRuns() => [];

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
