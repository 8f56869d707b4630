using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfJudge.Reports;

/// <summary>The shard fields of a results document's <c>run</c>: <c>shard</c> (this run is one shard)
/// and <c>shards</c> (this run was merged from shards), written only when present.</summary>
internal static class ShardFields
{
    public static void Write(JsonObject run, RunInfo info)
    {
        if (info.Shard is { } shard)
        {
            run["shard"] = new JsonObject { ["group"] = shard.Group, ["index"] = shard.Index, ["count"] = shard.Count };
        }
        if (info.Shards is { } shards)
        {
            run["shards"] = new JsonArray(shards.Select(s => (JsonNode)new JsonObject
            {
                ["index"] = s.Index,
                ["run_id"] = s.RunId,
                ["started_utc"] = s.StartedUtc.ToString("O", CultureInfo.InvariantCulture),
                ["wall_s"] = Math.Round(s.WallSeconds, 3),
                ["samples"] = s.Rows,
                ["isolation"] = s.Isolation,
                ["python"] = s.PythonVersion,
                ["fingerprint"] = s.Fingerprint,
            }).ToArray());
        }
    }

    public static RunShard? ReadShard(JsonObject run) =>
        run["shard"] is JsonObject s && Str(s, "group") is { } group && Int(s, "index") is { } index && Int(s, "count") is { } count
            ? new RunShard(group, index, count)
            : null;

    public static List<ShardRun>? ReadShards(JsonObject run) =>
        run["shards"] is not JsonArray shards ? null : shards.OfType<JsonObject>().Select(s => new ShardRun(Int(s, "index") ?? 0,
            Str(s, "run_id"), DateTimeOffset.Parse(Str(s, "started_utc") ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture),
            Num(s, "wall_s") ?? 0, Int(s, "samples") ?? 0, Str(s, "isolation") ?? "", Str(s, "python") ?? "", Str(s, "fingerprint"))).ToList();

    private static string? Str(JsonObject o, string field) =>
        o[field]?.GetValueKind() == JsonValueKind.String ? o[field]!.GetValue<string>() : null;

    private static double? Num(JsonObject o, string field) =>
        o[field]?.GetValueKind() == JsonValueKind.Number ? o[field]!.GetValue<double>() : null;

    private static int? Int(JsonObject o, string field) => Num(o, field) is { } v ? (int)v : null;
}
