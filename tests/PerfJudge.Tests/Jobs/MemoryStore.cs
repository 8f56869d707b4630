using System.Collections.Concurrent;
using PerfJudge.Storage;

namespace PerfJudge.Tests.Jobs;

/// <summary>An in-memory result store that outlives the engines using it (as a file would).</summary>
public sealed class MemoryStore : IResultStore
{
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (StoredRun Run, string Json)> _runs = new(StringComparer.Ordinal);

    /// <summary>Documents stored.</summary>
    public int Count => _documents.Count;

    /// <inheritdoc />
    public string? GetDocument(string key) => _documents.GetValueOrDefault(key);

    /// <inheritdoc />
    public void PutDocument(string key, string json) => _documents[key] = json;

    /// <inheritdoc />
    public void PutRun(StoredRun run, string json) => _runs[run.Id] = (run, json);

    /// <inheritdoc />
    public string? GetRun(string? id) => id is null
        ? _runs.Values.OrderByDescending(r => r.Run.Id, StringComparer.Ordinal).Select(r => r.Json).FirstOrDefault()
        : _runs.TryGetValue(id, out var r) ? r.Json : null;

    /// <inheritdoc />
    public IReadOnlyList<StoredRun> ListRuns() => _runs.Values.Select(r => r.Run)
        .OrderByDescending(r => r.StartedUtc).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public void Dispose()
    {
        // the contents survive, like a file's
    }
}
