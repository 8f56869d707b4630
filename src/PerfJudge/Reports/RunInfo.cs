namespace PerfJudge.Reports;

/// <summary>Facts about a run recorded in its results document.</summary>
public sealed record RunInfo(DateTimeOffset StartedUtc, double WallSeconds, string Isolation, string PythonVersion,
    double TimeoutSeconds, string EngineVersion, string? Meter = null, string? CostUnit = null);
