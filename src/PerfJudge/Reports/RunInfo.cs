namespace PerfJudge.Reports;

/// <summary>Facts about a run recorded in its results document.</summary>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="WallSeconds">How long it took.</param>
/// <param name="Isolation">Isolation level of the sandbox.</param>
/// <param name="PythonVersion">Interpreter version.</param>
/// <param name="TimeoutSeconds">Per-sample time limit.</param>
/// <param name="EngineVersion">PerfJudge engine version.</param>
/// <param name="Meter">Cost meter of efficiency suites.</param>
/// <param name="CostUnit">Unit of the meter's costs.</param>
/// <param name="Fingerprint">Machine the run was measured on.</param>
/// <param name="Id">Run id in the store, when it was recorded there.</param>
/// <param name="Ks">The k of pass@k and eff@k the run reports.</param>
/// <param name="Shard">When the run is one shard of a sharded run: which.</param>
/// <param name="Shards">When the run was merged from shards: each shard's environment, by index.</param>
public sealed record RunInfo(DateTimeOffset StartedUtc, double WallSeconds, string Isolation, string PythonVersion,
    double TimeoutSeconds, string EngineVersion, string? Meter = null, string? CostUnit = null, string? Fingerprint = null,
    string? Id = null, IReadOnlyList<int>? Ks = null, RunShard? Shard = null, IReadOnlyList<ShardRun>? Shards = null);
