using System.Globalization;
using System.Text.Json;
using PerfJudge.Tasks;

namespace PerfJudge.Samples;

/// <summary>Reads a samples JSONL file (contract in DESIGN.md) against a suite.</summary>
public static class SamplesReader
{
    /// <summary>Numeric per-sample cost fields that are kept when present.</summary>
    public static readonly IReadOnlyList<string> CostFields = ["completion_tokens", "prompt_tokens", "latency_s", "usd"];

    /// <summary>Reads every line; problems are collected, never thrown. <paramref name="extractCode"/>
    /// false judges completions and solutions as given, without stripping markdown fences.</summary>
    public static SampleSet Read(string path, TaskSuite suite, bool extractCode = true)
    {
        var problems = new List<SampleProblem>();
        var warnings = new List<SampleProblem>();
        var samples = new List<Sample>();
        if (Directory.Exists(path))
        {
            problems.Add(new SampleProblem(path, 0, null, "is a directory, not a samples file", "samples.file"));
            return new SampleSet(samples, problems);
        }
        if (!File.Exists(path))
        {
            problems.Add(new SampleProblem(path, 0, null, "samples file not found", "samples.file"));
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
            var context = new LineContext(path, line.Number, suite, extractCode, problems, warnings);
            var sample = Parse(context, line.Value!.Value, defaultModel, counters);
            if (sample is not null)
            {
                samples.Add(sample);
            }
        }
        if (lines == 0)
        {
            problems.Add(new SampleProblem(path, 0, null, "the samples file is empty", "samples.file"));
        }
        return new SampleSet(samples, problems, warnings);
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

    /// <summary>Where a line is and where its problems go.</summary>
    private sealed record LineContext(string Path, int Number, TaskSuite Suite, bool ExtractCode,
        List<SampleProblem> Problems, List<SampleProblem> Warnings);

    private static Sample? Parse(LineContext at, JsonElement obj, string defaultModel, Dictionary<(string, string), int> counters)
    {
        var (path, number, suite, problems) = (at.Path, at.Number, at.Suite, at.Problems);
        if (obj.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new SampleProblem(path, number, null, "expected a JSON object"));
            return null;
        }
        var before = problems.Count;
        string? taskId = null;
        if (!obj.TryGetProperty("task_id", out var taskValue))
        {
            problems.Add(new SampleProblem(path, number, "task_id", "missing"));
        }
        else if (taskValue.ValueKind != JsonValueKind.String)
        {
            problems.Add(new SampleProblem(path, number, "task_id", $"must be a string, not {taskValue.ValueKind.ToString().ToLowerInvariant()}"));
        }
        else
        {
            taskId = taskValue.GetString();
        }
        CodeTask? task = null;
        if (taskId is not null && !suite.TryGet(taskId, out task))
        {
            problems.Add(new SampleProblem(path, number, "task_id", $"unknown task_id '{taskId}' in suite '{suite.Name}'", "samples.unknown-task"));
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
        var program = ProgramOf(at, obj, task);
        var language = "python";
        if (obj.TryGetProperty("language", out var languageValue) && languageValue.ValueKind != JsonValueKind.Null)
        {
            language = Languages.Normalize(languageValue.ValueKind == JsonValueKind.String ? languageValue.GetString() : null) ?? "";
            if (language.Length == 0)
            {
                problems.Add(new SampleProblem(path, number, "language", $"must be one of {string.Join(", ", Languages.All)}"));
            }
            else if (language != "python" && task is { Program: null })
            {
                problems.Add(new SampleProblem(path, number, "language", $"task '{task.TaskId}' takes Python functions, not {language}"));
            }
        }
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
        return new Sample(model, task.TaskId, index, program, number, costs, language, at.Path);
    }

    private static string? ProgramOf(LineContext at, JsonElement obj, CodeTask? task)
    {
        var hasCompletion = obj.TryGetProperty("completion", out var completion);
        var hasSolution = obj.TryGetProperty("solution", out var solution);
        if (!hasCompletion && !hasSolution)
        {
            at.Problems.Add(new SampleProblem(at.Path, at.Number, "completion", "missing: give 'completion' or 'solution'"));
            return null;
        }
        var (field, value) = hasSolution ? ("solution", solution) : ("completion", completion);
        if (value.ValueKind != JsonValueKind.String)
        {
            at.Problems.Add(new SampleProblem(at.Path, at.Number, field,
                string.Create(CultureInfo.InvariantCulture, $"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}")));
            return null;
        }
        var text = value.GetString()!;
        if (hasSolution && hasCompletion && task is not null && !SameProgram(text, completion, task))
        {
            // As EvalPlus does, the whole program wins; but the choice changes the verdict, so say it.
            at.Warnings.Add(new SampleProblem(at.Path, at.Number, "solution",
                "the line has both 'completion' and 'solution' and they differ; 'solution' (the whole program) is judged", "samples.both"));
        }
        var code = at.ExtractCode ? CodeExtractor.Extract(text) : text;
        if (hasSolution || task is { Program: not null })
        {
            return code;  // a program task's statement is not code: a completion is the whole program
        }
        return task is null ? null : CodeTask.JoinProgram(task.Prompt, code);
    }

    /// <summary>True when a line's solution is its completion, or the prompt followed by it.</summary>
    private static bool SameProgram(string solution, JsonElement completion, CodeTask task)
    {
        if (completion.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        var text = completion.GetString()!;
        var whole = solution.TrimEnd();
        return whole == text.TrimEnd() || whole == CodeTask.JoinProgram(task.Prompt, text).TrimEnd();
    }
}
