using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Judging;
using PerfJudge.Results;

namespace PerfJudge.Reports;

/// <summary>Reads a results document (<c>perfjudge.results/1</c>) back into a <see cref="Report"/>.</summary>
public static class ResultsDocumentReader
{
    /// <summary>Parses <paramref name="json"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ReportFormatException">The text is not a results document.</exception>
    public static Report Read(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ReportFormatException($"{source}:{(ex.LineNumber ?? 0) + 1}: not valid JSON: {ex.Message}", ex);
        }
        if (root is not JsonObject doc)
        {
            throw new ReportFormatException($"{source}: not a results document (expected a JSON object)");
        }
        var schema = doc["schema"]?.GetValueKind() == JsonValueKind.String ? doc["schema"]!.GetValue<string>() : null;
        if (schema != ResultsDocument.Schema)
        {
            throw new ReportFormatException($"{source}: field 'schema': expected \"{ResultsDocument.Schema}\", found {(schema is null ? "none" : "\"" + schema + "\"")}");
        }
        var ctx = new Reader(source);
        try
        {
            var run = ctx.Obj(doc, "run");
            var info = new RunInfo(DateTimeOffset.Parse(ctx.Str(run, "started_utc", "run"), CultureInfo.InvariantCulture),
                ctx.Num(run, "wall_s", "run"), ctx.Str(run, "isolation", "run"), ctx.Str(run, "python", "run"),
                ctx.Num(run, "timeout_s", "run"), ctx.Str(run, "engine", "run"), Reader.OptStr(run, "meter"),
                Reader.OptStr(run, "cost_unit"), Reader.OptStr(run, "fingerprint"), Reader.OptStr(run, "id"));
            var models = ctx.Arr(doc, "models").Select((m, i) => ReadModel(ctx, m, $"models[{i}]")).ToList();
            var rows = ctx.Arr(doc, "results").Select((r, i) => ReadRow(ctx, r, $"results[{i}]")).ToList();
            // Summaries are recomputed from the rows (the one result model); the stored ones only tell
            // which k a document written before runs recorded their k asked for.
            var ks = ctx.Ks(run, "run") ?? KsOf(models);
            return Report.Build(ctx.Str(doc, "suite", ""), info with { Ks = ks, Shard = ShardFields.ReadShard(run), Shards = ShardFields.ReadShards(run) }, rows);
        }
        catch (FormatException ex)
        {
            throw new ReportFormatException($"{source}: {ex.Message}", ex);
        }
    }

    private static ModelSummary ReadModel(Reader ctx, JsonNode? node, string path)
    {
        var m = node as JsonObject ?? throw ctx.Error(path, "expected an object");
        var metrics = new Dictionary<string, MetricValue>(StringComparer.Ordinal);
        var ci = m["ci95"] as JsonObject;
        var notes = m["notes"] as JsonObject;
        foreach (var (name, value) in ctx.Obj(m, "metrics", path))
        {
            var interval = ci?[name] as JsonArray;
            metrics[name] = new MetricValue(Reader.Double(value), Reader.Double(interval?[0]), Reader.Double(interval?[1]),
                notes?[name]?.GetValue<string>());
        }
        var verdicts = VerdictNames.All.ToDictionary(v => v, v => (int)(Reader.Double(ctx.Obj(m, "verdicts", path)[v.Name()]) ?? 0));
        return new ModelSummary(ctx.Str(m, "model", path), (int)ctx.Num(m, "samples", path), (int)ctx.Num(m, "tasks", path),
            metrics, verdicts, Reader.OptStr(m, "isolation") ?? "");
    }

    private static List<int> KsOf(IEnumerable<ModelSummary> models)
    {
        var ks = models.SelectMany(m => m.Metrics.Keys).Where(k => k.StartsWith("pass@", StringComparison.Ordinal))
            .Select(k => int.TryParse(k.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0).Distinct().Order().ToList();
        return ks.Count > 0 ? ks : [.. Report.DefaultKs];
    }

    private static readonly HashSet<string> RowFields = new(StringComparer.Ordinal)
    {
        "task_id", "model", "sample", "line", "verdict", "detail", "isolation", "cpu_s", "max_rss_kb", "cached",
        "efficiency", "speedup", "dps", "dps_norm", "cost", "exceeded_level", "memory_ratio", "runtime", "machine", "peak_memory_kb",
        "language", "tests_passed", "tests", "score", "max_score", "subtask_scores", "compile_s", "program_speedup",
        "case_costs", "base_verdict", "window", "batched_cases", "hidden_charged_s", "rounds",
    };

    private static ResultRow ReadRow(Reader ctx, JsonNode? node, string path)
    {
        var r = node as JsonObject ?? throw ctx.Error(path, "expected an object");
        RowEfficiency? efficiency = null;
        if (r["efficiency"] is not null)
        {
            var level = Reader.Double(r["exceeded_level"]);
            efficiency = new RowEfficiency(ctx.Num(r, "efficiency", path), Reader.Double(r["speedup"]), ctx.Num(r, "dps", path),
                ctx.Num(r, "dps_norm", path), ctx.Num(r, "cost", path), level is null ? null : (int)level,
                Reader.Double(r["memory_ratio"]), CaseCosts(ctx, r, path), Reader.OptStr(r, "window"),
                Reader.Double(r["batched_cases"]) is { } batched ? (int)batched : null, Reader.Double(r["hidden_charged_s"]),
                Reader.Double(r["rounds"]) is { } rounds ? (int)rounds : null);
        }
        RowProgram? program = null;
        if (r["score"] is not null)
        {
            program = new RowProgram(Reader.OptStr(r, "language") ?? "", (int)ctx.Num(r, "tests_passed", path), (int)ctx.Num(r, "tests", path),
                ctx.Num(r, "score", path), ctx.Num(r, "max_score", path),
                (r["subtask_scores"] as JsonArray)?.Select(x => Reader.Double(x) ?? 0).ToList() ?? [],
                Reader.Double(r["compile_s"]) ?? 0, Reader.Double(r["program_speedup"]));
        }
        var costs = r.Where(p => !RowFields.Contains(p.Key) && p.Value?.GetValueKind() == JsonValueKind.Number)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<double>(), StringComparer.Ordinal);
        return new ResultRow(ctx.Str(r, "task_id", path), ctx.Str(r, "model", path), (int)ctx.Num(r, "sample", path),
            (int)(Reader.Double(r["line"]) ?? 0), ctx.Str(r, "verdict", path), Reader.OptStr(r, "detail"),
            Reader.OptStr(r, "isolation") ?? "", Reader.Double(r["cpu_s"]) ?? 0, (long)(Reader.Double(r["max_rss_kb"]) ?? 0),
            r["cached"]?.GetValueKind() == JsonValueKind.True, efficiency, costs, Reader.OptStr(r, "runtime") ?? "",
            Reader.OptStr(r, "machine") ?? "", Reader.Double(r["peak_memory_kb"]) is { } peak ? (long)peak : null,
            r["controls"] is JsonObject c ? c.Where(p => p.Value?.GetValueKind() == JsonValueKind.String)
                .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal) : null, program,
            Reader.OptStr(r, "base_verdict"));
    }

    private static List<double>? CaseCosts(Reader ctx, JsonObject r, string path)
    {
        if (r["case_costs"] is null)
        {
            return null;
        }
        if (r["case_costs"] is not JsonArray a || a.Any(c => Reader.Double(c) is null))
        {
            throw ctx.Error(path + ".case_costs", "expected an array of numbers");
        }
        return a.Select(c => Reader.Double(c)!.Value).ToList();
    }

    private sealed class Reader(string source)
    {
        public ReportFormatException Error(string path, string message) =>
            new($"{source}: {(path.Length == 0 ? "" : "field '" + path + "': ")}{message}");

        public JsonObject Obj(JsonObject o, string field, string path = "") =>
            o[field] as JsonObject ?? throw Error(Join(path, field), "expected an object");

        public JsonArray Arr(JsonObject o, string field) =>
            o[field] as JsonArray ?? throw Error(field, "expected an array");

        public string Str(JsonObject o, string field, string path) =>
            o[field]?.GetValueKind() == JsonValueKind.String ? o[field]!.GetValue<string>() : throw Error(Join(path, field), "expected a string");

        public List<int>? Ks(JsonObject o, string path)
        {
            if (o["ks"] is null)
            {
                return null;
            }
            if (o["ks"] is not JsonArray a || a.Any(k => Double(k) is not (>= 1 and <= 1_000_000)))
            {
                throw Error(Join(path, "ks"), "expected an array of positive integers");
            }
            return a.Select(k => (int)Double(k)!.Value).ToList();
        }

        public static string? OptStr(JsonObject o, string field) =>
            o[field]?.GetValueKind() == JsonValueKind.String ? o[field]!.GetValue<string>() : null;

        public double Num(JsonObject o, string field, string path) =>
            Double(o[field]) ?? throw Error(Join(path, field), "expected a number");

        public static double? Double(JsonNode? node) =>
            node?.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>() : null;

        private static string Join(string path, string field) => path.Length == 0 ? field : path + "." + field;
    }
}
