namespace PerfJudge.Storage;

/// <summary>A run recorded in the store.</summary>
/// <param name="Id">Run id, e.g. <c>20261126-045512-3f2a</c>.</param>
/// <param name="StartedUtc">When it started.</param>
/// <param name="Suite">Suite name.</param>
/// <param name="Models">Number of models judged.</param>
/// <param name="Samples">Number of samples judged.</param>
/// <param name="ShardGroup">The sharded run this run is a shard of (null: a whole run).</param>
/// <param name="ShardIndex">Index of the shard, 0 to <paramref name="ShardCount"/> - 1.</param>
/// <param name="ShardCount">Number of shards of the group (0: not a shard).</param>
public sealed record StoredRun(string Id, DateTimeOffset StartedUtc, string Suite, int Models, int Samples,
    string? ShardGroup = null, int ShardIndex = 0, int ShardCount = 0);

/// <summary>Makes run ids.</summary>
public static class RunIds
{
    /// <summary>A new id: start time (UTC, to the second) and 4 random hex digits, sortable by time.</summary>
    public static string New(DateTimeOffset started) =>
        started.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" +
        System.Security.Cryptography.RandomNumberGenerator.GetHexString(4, lowercase: true);
}
