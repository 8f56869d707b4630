namespace PerfJudge.Reports;

/// <summary>One shard of a merged run, as the merged report lists it: where and when it ran.</summary>
/// <param name="Index">Shard index.</param>
/// <param name="RunId">Its run id in the store, when it was recorded there.</param>
/// <param name="StartedUtc">When it started.</param>
/// <param name="WallSeconds">How long it took.</param>
/// <param name="Rows">Samples it judged.</param>
/// <param name="Isolation">Isolation level of its sandbox.</param>
/// <param name="PythonVersion">Its interpreter.</param>
/// <param name="Fingerprint">Its machine.</param>
public sealed record ShardRun(int Index, string? RunId, DateTimeOffset StartedUtc, double WallSeconds, int Rows,
    string Isolation, string PythonVersion, string? Fingerprint);
