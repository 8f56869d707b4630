using PerfJudge.Judging;
using PerfJudge.Stress;

namespace PerfJudge.Jobs;

/// <summary>What <c>stress</c> is asked to do.</summary>
/// <param name="Suite">Built-in suite name or a HumanEval-format suite file.</param>
/// <param name="Tasks">Only these task ids (empty: all).</param>
/// <param name="Budget">Cost budget in the meter's unit; null: 0.1 s, or 3e8 instructions.</param>
/// <param name="OutDir">Folder for tasks.jsonl and report.json.</param>
/// <param name="Search">Search parameters (its budget and meter are set by the job).</param>
/// <param name="Engine">Where references run.</param>
/// <param name="Samples">Samples files (task_id + completion or solution): the selection then keeps the
/// inputs on which the costs of the correct samples spread most.</param>
public sealed record StressJobOptions(string Suite, IReadOnlyList<string> Tasks, double? Budget, string OutDir, StressOptions Search,
    EngineOptions Engine, IReadOnlyList<string>? Samples = null)
{
    /// <summary>Every problem with these options.</summary>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var problems = Search.Validate().ToList();
        problems.AddRange(Engine.Validate());
        if (Engine.Workers > 64)
        {
            problems.Add(Diagnostic.Usage("--jobs", "must be between 1 and 64"));
        }
        if (Budget is not null && !(Budget > 0 && double.IsFinite(Budget.Value)))
        {
            problems.Add(Diagnostic.Usage("--budget", "must be positive"));
        }
        return problems;
    }
}
