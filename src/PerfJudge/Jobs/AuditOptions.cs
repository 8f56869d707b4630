using PerfJudge.Judging;

namespace PerfJudge.Jobs;

/// <summary>What <c>audit</c> is asked to do. Validated once; every problem is reported together.</summary>
/// <param name="Suite">Built-in suite name or suite file.</param>
/// <param name="Samples">Samples file whose samples are rerun (flakiness) and measured (clusters), or null.</param>
/// <param name="Limits">Per-sample limits.</param>
/// <param name="Engine">Where and how candidates run.</param>
/// <param name="Reruns">Reruns without the store that look for verdicts that change.</param>
/// <param name="Mutants">Mutants of each canonical solution at most (0: no weak-test check).</param>
/// <param name="Rounds">Rounds of each cost measurement (0: no efficiency check).</param>
/// <param name="Tasks">Audit only the first this many tasks (0: all), for a quick look at a big suite.</param>
public sealed record AuditOptions(string Suite, string? Samples, ExecutionLimits Limits, EngineOptions Engine,
    int Reruns = 2, int Mutants = 10, int Rounds = 5, int Tasks = 0)
{
    /// <summary>Every problem with these options.</summary>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var problems = new List<Diagnostic>();
        problems.AddRange(Limits.Validate().Select(p => Diagnostic.Usage(p.StartsWith("memory", StringComparison.Ordinal) ? "--memory-mb" : "--timeout", p)));
        problems.AddRange(Engine.Validate());
        if (Reruns is < 0 or > 20)
        {
            problems.Add(Diagnostic.Usage("--reruns", "must be between 0 and 20"));
        }
        if (Mutants is < 0 or > 200)
        {
            problems.Add(Diagnostic.Usage("--mutants", "must be between 0 and 200"));
        }
        if (Rounds is < 0 or > 100 || Rounds == 1)
        {
            problems.Add(Diagnostic.Usage("--rounds", "must be 0 (no cost check) or between 2 and 100"));
        }
        if (Tasks < 0)
        {
            problems.Add(Diagnostic.Usage("--tasks", "must be 0 (all) or a positive count"));
        }
        if (Samples == EvalOptions.Canonical)
        {
            problems.Add(Diagnostic.Usage("--samples", "the audit always judges the canonical solutions; give a samples file or nothing"));
        }
        return problems;
    }
}
