using PerfJudge.Judging;

namespace PerfJudge.Storage;

/// <summary>Keeps execution results by content key, so that finished work is never redone.</summary>
public interface IResultStore : IDisposable
{
    /// <summary>Returns the stored results among <paramref name="keys"/>.</summary>
    IReadOnlyDictionary<string, ExecutionResult> Lookup(IReadOnlyCollection<string> keys);

    /// <summary>Stores one result durably before returning (it survives a SIGKILL right after).</summary>
    void Put(string key, ExecutionResult result);

    /// <summary>Returns a stored document (e.g. a whole task's measurements), or null.</summary>
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
