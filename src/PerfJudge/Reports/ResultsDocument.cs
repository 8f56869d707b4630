using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Judging;
using PerfJudge.Results;

namespace PerfJudge.Reports;

/// <summary>Writes the versioned results document (<c>perfjudge.results/1</c>, see docs/results-schema.md);
/// it is also the JSON renderer of a <see cref="Report"/>.</summary>
public static class ResultsDocument
{
    /// <summary>Schema identifier written in every document.</summary>
    public const string Schema = "perfjudge.results/1";

    /// <summary>Builds the document of <paramref name="report"/>.</summary>
    public static JsonObject Build(Report report)
    {
        var models = new JsonArray();
        foreach (var s in report.Models)
        {
            models.Add(Model(s));
        }
        var rows = new JsonArray();
        foreach (var r in report.Rows)
        {
            rows.Add(Row(r));
        }
        var run = report.Run;
        var document = new JsonObject
        {
            ["schema"] = Schema,
            ["suite"] = report.Suite,
            ["run"] = new JsonObject
            {
                ["id"] = run.Id,
                ["started_utc"] = run.StartedUtc.ToString("O", CultureInfo.InvariantCulture),
                ["wall_s"] = Math.Round(run.WallSeconds, 3),
                ["isolation"] = run.Isolation,
                ["python"] = run.PythonVersion,
                ["timeout_s"] = run.TimeoutSeconds,
                ["engine"] = run.EngineVersion,
                ["meter"] = run.Meter,
                ["cost_unit"] = run.CostUnit,
                ["fingerprint"] = run.Fingerprint,
                ["ks"] = run.Ks is null ? null : new JsonArray(run.Ks.Select(k => (JsonNode)k).ToArray()),
            },
            ["models"] = models,
            ["results"] = rows,
        };
        ShardFields.Write((JsonObject)document["run"]!, run);
        return document;
    }

    /// <summary>The document as indented JSON text.</summary>
    public static string Render(Report report) =>
        Build(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static JsonObject Model(ModelSummary s)
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
        return model;
    }

    private static JsonObject Row(ResultRow r)
    {
        var row = new JsonObject
        {
            ["task_id"] = r.TaskId,
            ["model"] = r.Model,
            ["sample"] = r.Sample,
            ["line"] = r.Line,
            ["verdict"] = r.Verdict,
            ["detail"] = r.Detail,
            ["isolation"] = r.Isolation,
            ["cpu_s"] = Math.Round(r.CpuSeconds, 6),
            ["max_rss_kb"] = r.MaxRssKb,
            ["cached"] = r.Cached,
            ["runtime"] = r.Runtime,
            ["machine"] = r.Machine,
        };
        if (r.BaseVerdict is { } baseVerdict)
        {
            row["base_verdict"] = baseVerdict;
        }
        if (r.PeakMemoryKb is { } peak)
        {
            row["peak_memory_kb"] = peak;
        }
        if (r.Controls is { Count: > 0 } controls)
        {
            row["controls"] = new JsonObject(controls.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
        }
        if (r.Efficiency is { } e)
        {
            row["efficiency"] = Math.Round(e.Efficiency, 6);
            row["speedup"] = e.Speedup is null ? null : Math.Round(e.Speedup.Value, 6);
            row["dps"] = Math.Round(e.Dps, 6);
            row["dps_norm"] = Math.Round(e.DpsNorm, 6);
            row["cost"] = e.Cost;
            row["exceeded_level"] = e.ExceededLevel;
            row["memory_ratio"] = e.MemoryRatio is null ? null : Math.Round(e.MemoryRatio.Value, 6);
            if (e.CaseCosts is { } cases)
            {
                row["case_costs"] = new JsonArray(cases.Select(c => (JsonNode)c).ToArray());
            }
            if (e.Window is { } window)
            {
                row["window"] = window;
            }
            if (e.BatchedCases is { } batched)
            {
                row["batched_cases"] = batched;
            }
            if (e.HiddenChargedSeconds is { } hidden)
            {
                row["hidden_charged_s"] = hidden;
            }
            if (e.Rounds is { } rounds)
            {
                row["rounds"] = rounds;
            }
        }
        if (r.Program is { } p)
        {
            row["language"] = p.Language;
            row["tests_passed"] = p.TestsPassed;
            row["tests"] = p.Tests;
            row["score"] = Math.Round(p.Score, 6);
            row["max_score"] = p.MaxScore;
            row["subtask_scores"] = new JsonArray(p.Subtasks.Select(x => (JsonNode)Math.Round(x, 6)).ToArray());
            row["compile_s"] = Math.Round(p.CompileSeconds, 6);
            row["program_speedup"] = p.Speedup is null ? null : Math.Round(p.Speedup.Value, 6);
        }
        foreach (var (field, value) in r.Costs)
        {
            row[field] = value;
        }
        return row;
    }
}
