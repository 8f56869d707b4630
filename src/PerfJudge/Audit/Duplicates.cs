using System.Text.RegularExpressions;
using PerfJudge.Tasks;

namespace PerfJudge.Audit;

/// <summary>Duplicate tasks: the same prompt, or the same canonical solution, once white space is
/// collapsed and the function's name is replaced by a placeholder.</summary>
public static partial class Duplicates
{
    /// <summary>Shortest canonical solution (normalized) compared; shorter ones (<c>return x</c>) match by accident.</summary>
    public const int MinSolutionLength = 40;

    /// <summary>Per task id, the other tasks it duplicates, as "id (same prompt|same canonical solution)".</summary>
    public static Dictionary<string, List<string>> Find(IReadOnlyList<CodeTask> tasks)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Group(tasks, t => Normalize(t.Prompt, t.EntryPoint), "same prompt", found);
        Group(tasks, t => Normalize(t.CanonicalSolution, t.EntryPoint) is { Length: >= MinSolutionLength } s ? s : null, "same canonical solution", found);
        return found;
    }

    private static void Group(IReadOnlyList<CodeTask> tasks, Func<CodeTask, string?> key, string why, Dictionary<string, List<string>> found)
    {
        foreach (var group in tasks.Where(t => key(t) is { Length: > 0 }).GroupBy(t => key(t)!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var task in group)
            {
                var list = found.TryGetValue(task.TaskId, out var l) ? l : found[task.TaskId] = [];
                list.AddRange(group.Where(o => o.TaskId != task.TaskId).Select(o => $"{o.TaskId} ({why})"));
            }
        }
    }

    private static string Normalize(string text, string entryPoint)
    {
        var named = entryPoint.Length == 0 ? text : text.Replace(entryPoint, "\u0001", StringComparison.Ordinal);
        return Space().Replace(named, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
