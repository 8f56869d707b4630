namespace PerfJudge.Storage;

/// <summary>Keeps runners' replies by content key, so that finished work is never redone, and
/// recorded runs (their results documents, from which a run is rebuilt).</summary>
public interface IResultStore : IDisposable
{
    /// <summary>Returns a stored document (a reply, e.g. a whole task's measurements), or null.</summary>
    string? GetDocument(string key);

    /// <summary>Stores a document durably before returning.</summary>
    void PutDocument(string key, string json);

    /// <summary>Records a finished run: its results document under its id.</summary>
    void PutRun(StoredRun run, string json);

    /// <summary>The results document of run <paramref name="id"/> (null: the latest run), or null.</summary>
    string? GetRun(string? id);

    /// <summary>The recorded runs, newest first.</summary>
    IReadOnlyList<StoredRun> ListRuns();
}
