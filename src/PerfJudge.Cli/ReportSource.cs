using PerfJudge.Reports;
using PerfJudge.Storage;

namespace PerfJudge.Cli;

/// <summary>Finds the report a command works on: a results document file, or a run in the store.</summary>
public static class ReportSource
{
    /// <summary>Loads <paramref name="reference"/>: an existing results file (.json), else a run id in
    /// the store at <paramref name="storePath"/> (null: the latest run there).</summary>
    /// <exception cref="UsageException">Neither a results file nor a recorded run.</exception>
    /// <exception cref="ReportFormatException">The document is not a results document.</exception>
    public static Report Load(string? reference, string storePath)
    {
        if (reference is not null && File.Exists(reference))
        {
            return ResultsDocumentReader.Read(File.ReadAllText(reference), reference);
        }
        if (reference is not null && reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"results file '{reference}' does not exist");
        }
        if (!ResultStores.IsPostgres(storePath) && !File.Exists(storePath))
        {
            throw new UsageException($"no result store at '{storePath}' (run 'perfjudge eval' first, or pass --store or a results .json file)");
        }
        using var store = ResultStores.Open(storePath);
        var json = store.GetRun(reference);
        if (json is null)
        {
            var known = store.ListRuns().Take(5).Select(r => r.Id).ToList();
            throw new UsageException(reference is null
                ? $"the store '{storePath}' has no recorded run yet"
                : $"no run '{reference}' in '{storePath}'" + (known.Count > 0 ? $" (latest: {string.Join(", ", known)})" : ""));
        }
        return ResultsDocumentReader.Read(json, $"{storePath} run {reference ?? "(latest)"}");
    }
}
