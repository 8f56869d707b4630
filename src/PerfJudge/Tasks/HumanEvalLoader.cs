using System.Text.Json;

namespace PerfJudge.Tasks;

/// <summary>Loads suites in the HumanEval format: JSONL (optionally gzipped) with task_id,
/// prompt, canonical_solution, test and entry_point; a line may add efficiency fields
/// (see <see cref="EfficiencyFields"/>).</summary>
public static class HumanEvalLoader
{
    private static readonly string[] Fields = ["task_id", "prompt", "canonical_solution", "test", "entry_point"];

    /// <summary>Loads a suite file; every problem is reported in one exception.</summary>
    public static TaskSuite Load(string path, string? name = null)
    {
        if (!File.Exists(path))
        {
            throw new SuiteFormatException($"{path}: suite file not found");
        }
        var tasks = new List<CodeTask>();
        var errors = new List<string>();
        foreach (var line in JsonLines.Read(path))
        {
            if (line.Error is not null)
            {
                errors.Add($"{path}:{line.Number}: {line.Error}");
                continue;
            }
            var obj = line.Value!.Value;
            if (obj.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}:{line.Number}: expected a JSON object");
                continue;
            }
            if (obj.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "program")
            {
                if (ProgramTaskLoader.Parse(obj, Path.GetDirectoryName(Path.GetFullPath(path))!, $"{path}:{line.Number}", errors) is { } programTask)
                {
                    tasks.Add(programTask);
                }
                continue;
            }
            var values = new string[Fields.Length];
            var ok = true;
            for (var i = 0; i < Fields.Length; i++)
            {
                var value = JsonLines.GetString(obj, Fields[i], out var problem);
                if (problem is not null)
                {
                    errors.Add($"{path}:{line.Number}: {problem}");
                    ok = false;
                }
                values[i] = value ?? "";
            }
            var efficiency = ok ? EfficiencyFields.Parse(obj, values[1], values[2], $"{path}:{line.Number}", errors) : null;
            if (ok)
            {
                tasks.Add(new CodeTask(values[0], values[1], values[2], values[3], values[4], efficiency));
            }
        }
        if (tasks.Any(t => t.Program is null) && tasks.Any(t => t.Program is not null))
        {
            errors.Add($"{path}: a suite holds either program tasks or function tasks, not both");
        }
        if (errors.Count == 0 && tasks.Count == 0)
        {
            errors.Add($"{path}: the suite has no tasks");
        }
        if (errors.Count > 0)
        {
            throw new SuiteFormatException(string.Join(Environment.NewLine, errors.Take(20)));
        }
        return new TaskSuite(name ?? Path.GetFileName(path), path, tasks);
    }
}
