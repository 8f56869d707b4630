using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Evaluation;
using PerfJudge.Runners;

namespace PerfJudge.Reports;

/// <summary>Writes the versioned results document (<c>perfjudge.results/1</c>, see docs/results-schema.md).</summary>
public static class ResultsDocument
{
    /// <summary>Schema identifier written in every document.</summary>
    public const string Schema = "perfjudge.results/1";

    /// <summary>Builds the document.</summary>
    public static JsonObject Build(string suite, IReadOnlyList<ModelSummary> summaries, IReadOnlyList<SampleResult> results,
        RunInfo run)
    {
        var models = new JsonArray();
        foreach (var s in summaries)
        {
            var metrics = new JsonObject();
            var ci = new JsonObject();
            var notes = new JsonObject();
            foreach (var (name, value) in s.Metrics)
            {
                metrics[name] = value.Value;
                ci[name] = value.Value is null ? null : new JsonArray(value.Low, value.High);
                if (value.Reason is not null)
                {
                    notes[name] = value.Reason;
                }
            }
            var verdicts = new JsonObject();
            foreach (var (verdict, count) in s.Verdicts)
            {
                verdicts[verdict.Name()] = count;
            }
            var model = new JsonObject
            {
                ["model"] = s.Model,
                ["samples"] = s.Samples,
                ["tasks"] = s.Tasks,
                ["metrics"] = metrics,
                ["ci95"] = ci,
                ["verdicts"] = verdicts,
                ["isolation"] = s.Isolation,
            };
            if (notes.Count > 0)
            {
                model["notes"] = notes;
            }
            models.Add(model);
        }
        var rows = new JsonArray();
        foreach (var r in results)
        {
            var row = new JsonObject
            {
                ["task_id"] = r.Sample.TaskId,
                ["model"] = r.Sample.Model,
                ["sample"] = r.Sample.Index,
                ["line"] = r.Sample.Line,
                ["verdict"] = r.Result.Verdict.Name(),
                ["detail"] = r.Result.Detail,
                ["isolation"] = r.Result.Isolation,
                ["cpu_s"] = Math.Round(r.Result.CpuSeconds, 6),
                ["max_rss_kb"] = r.Result.MaxRssKb,
                ["cached"] = r.Cached,
            };
            if (r.Efficiency is { } e)
            {
                row["efficiency"] = Math.Round(e.Efficiency, 6);
                row["speedup"] = e.Speedup is null ? null : Math.Round(e.Speedup.Value, 6);
                row["dps"] = Math.Round(e.Dps, 6);
                row["dps_norm"] = Math.Round(e.DpsNorm, 6);
                row["cost"] = e.Cost;
                row["exceeded_level"] = e.ExceededLevel;
                row["memory_ratio"] = e.MemoryRatio is null ? null : Math.Round(e.MemoryRatio.Value, 6);
            }
            foreach (var (field, value) in r.Sample.Costs)
            {
                row[field] = value;
            }
            rows.Add(row);
        }
        return new JsonObject
        {
            ["schema"] = Schema,
            ["suite"] = suite,
            ["run"] = new JsonObject
            {
                ["started_utc"] = run.StartedUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["wall_s"] = Math.Round(run.WallSeconds, 3),
                ["isolation"] = run.Isolation,
                ["python"] = run.PythonVersion,
                ["timeout_s"] = run.TimeoutSeconds,
                ["engine"] = run.EngineVersion,
                ["meter"] = run.Meter,
                ["cost_unit"] = run.CostUnit,
                ["fingerprint"] = Evaluation.MachineFingerprint.Current,
            },
            ["models"] = models,
            ["results"] = rows,
        };
    }

    /// <summary>Writes the document to <paramref name="path"/>, atomically (temp file, then rename).</summary>
    public static void Write(string path, JsonObject document)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        var temp = path + ".tmp";
        File.WriteAllText(temp, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
    }
}
