using System.Text.Json.Nodes;
using PerfJudge.Tasks;

namespace PerfJudge.Stress;

/// <summary>A task as the stress search needs it: the loaded task, its references and checker,
/// and its original suite line (the written suite keeps every field of it).</summary>
/// <param name="Task">The loaded task.</param>
/// <param name="Line">The task's JSON object as written in the suite file.</param>
/// <param name="References">Full reference programs, fastest first (one suffices: the canonical solution).</param>
/// <param name="Generator">Python defining <c>generate_input(size, lid, cid)</c>, or empty.</param>
/// <param name="Checker">Python defining <c>__check(input, answer, output)</c>.</param>
/// <param name="LevelCount">Levels the task has already (the stress level is appended).</param>
/// <param name="Samples">Distinct sample programs whose cost spread the selection maximizes (may be empty).</param>
public sealed record StressTarget(CodeTask Task, JsonObject Line, IReadOnlyList<string> References, string Generator,
    string Checker, int LevelCount, IReadOnlyList<string>? Samples = null)
{
    /// <summary>Builds targets from a HumanEval-format suite file: the suite's tasks with the
    /// <c>references</c>, <c>input_generator</c> and <c>checker</c> of their lines (tasks without
    /// efficiency fields may still carry references, which the loader does not keep; a task with
    /// none has its canonical solution as its one reference).</summary>
    public static IReadOnlyList<StressTarget> Load(TaskSuite suite)
    {
        var lines = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        using (var reader = JsonLines.Open(suite.Source))
        {
            while (reader.ReadLine() is { } text)
            {
                if (!string.IsNullOrWhiteSpace(text) && JsonNode.Parse(text) is JsonObject obj
                    && obj["task_id"]?.GetValue<string>() is { } id)
                {
                    lines[id] = obj;
                }
            }
        }
        var targets = new List<StressTarget>();
        foreach (var task in suite.Tasks)
        {
            var line = lines[task.TaskId];
            var spec = task.Efficiency;
            var references = spec?.References.ToList()
                ?? (line["references"] as JsonArray)?.Select(r => CodeTask.JoinProgram(task.Prompt, r!.GetValue<string>())).ToList()
                ?? [];
            if (references.Count == 0 && task.CanonicalSolution.Trim().Length > 0)
            {
                references.Add(task.ReferenceProgram);
            }
            var checker = spec?.Checker ?? line["checker"]?.GetValue<string>() ?? EfficiencyFields.DefaultChecker;
            targets.Add(new StressTarget(task, line, references, spec?.Generator ?? "", checker, spec?.Levels.Count ?? 0));
        }
        return targets;
    }
}
