namespace PerfJudge.Reports;

/// <summary>Which part of a sharded run a run is.</summary>
/// <param name="Group">Names the sharded run (all its shards share it).</param>
/// <param name="Index">Index of this shard, 0 to <paramref name="Count"/> - 1.</param>
/// <param name="Count">Number of shards.</param>
public sealed record RunShard(string Group, int Index, int Count);
