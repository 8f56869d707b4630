using System.Globalization;
using System.Text.Json;
using PerfJudge.Tasks;

namespace PerfJudge.Samples;

/// <summary>Reads a samples JSONL file (contract in DESIGN.md) against a suite.</summary>
public static class SamplesReader
{
    /// <summary>Numeric per-sample cost fields that are kept when present.</summary>
    public static readonly IReadOnlyList<string> CostFields = ["completion_tokens", "prompt_tokens", "latency_s", "usd"];

    /// <summary>Reads every line; problems are collected, never thrown.</summary>
    public static SampleSet Read(string path, TaskSuite suite)
    {
        var problems = new List<SampleProblem>();
        var samples = new List<Sample>();
        if (!File.Exists(path))
        {
            problems.Add(new SampleProblem(path, 0, null, "samples file not found"));
            return new SampleSet(samples, problems);
        }
        var defaultModel = ModelNameFromPath(path);
        var counters = new Dictionary<(string, string), int>();
        var lines = 0;
        foreach (var line in JsonLines.Read(path))
        {
            lines++;
            if (line.Error is not null)
            {
                problems.Add(new SampleProblem(path, line.Number, null, line.Error));
                continue;
            }
            var sample = Parse(path, line.Number, line.Value!.Value, suite, defaultModel, counters, problems);
            if (sample is not null)
            {
                samples.Add(sample);
            }
        }
        if (lines == 0)
        {
            problems.Add(new SampleProblem(path, 0, null, "the samples file is empty"));
        }
        return new SampleSet(samples, problems);
    }

    /// <summary>The model name used when a line has none: the file name without extensions.</summary>
    public static string ModelNameFromPath(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var ext in new[] { ".gz", ".jsonl", ".json" })
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^ext.Length];
            }
        }
        return name;
    }

    private static Sample? Parse(string path, int number, JsonElement obj, TaskSuite suite, string defaultModel,
        Dictionary<(string, string), int> counters, List<SampleProblem> problems)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new SampleProblem(path, number, null, "expected a JSON object"));
            return null;
        }
        var before = problems.Count;
        var taskId = JsonLines.GetString(obj, "task_id", out var problem);
        if (problem is not null)
        {
            problems.Add(new SampleProblem(path, number, "task_id", problem));
        }
        CodeTask? task = null;
        if (taskId is not null && !suite.TryGet(taskId, out task))
        {
            problems.Add(new SampleProblem(path, number, "task_id", $"unknown task_id '{taskId}' in suite '{suite.Name}'"));
        }
        var model = defaultModel;
        if (obj.TryGetProperty("model", out var modelValue))
        {
            if (modelValue.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(modelValue.GetString()))
            {
                model = modelValue.GetString()!;
            }
            else
            {
                problems.Add(new SampleProblem(path, number, "model", "must be a non-empty string"));
            }
        }
        var program = ProgramOf(obj, task, path, number, problems);
        var costs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var field in CostFields)
        {
            if (!obj.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            if (v.ValueKind == JsonValueKind.Number)
            {
                costs[field] = v.GetDouble();
            }
            else
            {
                problems.Add(new SampleProblem(path, number, field, "must be a number"));
            }
        }
        if (problems.Count != before || program is null || task is null)
        {
            return null;
        }
        var key = (model, task.TaskId);
        counters.TryGetValue(key, out var index);
        counters[key] = index + 1;
        return new Sample(model, task.TaskId, index, program, number, costs);
    }

    private static string? ProgramOf(JsonElement obj, CodeTask? task, string path, int number, List<SampleProblem> problems)
    {
        var hasCompletion = obj.TryGetProperty("completion", out var completion);
        var hasSolution = obj.TryGetProperty("solution", out var solution);
        if (!hasCompletion && !hasSolution)
        {
            problems.Add(new SampleProblem(path, number, "completion", "missing: give 'completion' or 'solution'"));
            return null;
        }
        var (field, value) = hasSolution ? ("solution", solution) : ("completion", completion);
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new SampleProblem(path, number, field,
                string.Create(CultureInfo.InvariantCulture, $"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}")));
            return null;
        }
        var code = CodeExtractor.Extract(value.GetString()!);
        if (hasSolution)
        {
            return code;
        }
        return task is null ? null : CodeTask.JoinProgram(task.Prompt, code);
    }
}
