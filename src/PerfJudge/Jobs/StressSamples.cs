using PerfJudge.Judging;
using PerfJudge.Samples;
using PerfJudge.Stress;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary>Gives each stress target the distinct sample programs of its task from samples files.</summary>
public static class StressSamples
{
    /// <summary>The targets with their samples, or null with every problem of the files in
    /// <paramref name="diagnostics"/> (file, line and field).</summary>
    public static IReadOnlyList<StressTarget>? Attach(IReadOnlyList<StressTarget> targets, IReadOnlyList<string> files, TaskSuite suite,
        ICollection<Diagnostic> diagnostics)
    {
        if (files.Count == 0)
        {
            return targets;
        }
        var sets = files.Select(f => SamplesReader.Read(f, suite, extractCode: true)).ToList();
        var problems = sets.SelectMany(s => s.Problems).ToList();
        foreach (var problem in problems)
        {
            diagnostics.Add(Diagnostic.Input(problem.Code, problem.Message, problem.File, problem.Line == 0 ? null : problem.Line, problem.Field));
        }
        if (problems.Count > 0)
        {
            return null;
        }
        var byTask = sets.SelectMany(s => s.Samples).GroupBy(s => s.TaskId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(s => s.Program).Distinct(StringComparer.Ordinal).ToList(),
                StringComparer.Ordinal);
        return targets.Select(t => t with { Samples = byTask.GetValueOrDefault(t.Task.TaskId) ?? [] }).ToList();
    }
}
