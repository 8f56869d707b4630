namespace PerfJudge.Audit;

/// <summary>The audit of a suite: per task findings, and the settings that produced them.</summary>
/// <param name="Suite">Suite name.</param>
/// <param name="TasksInSuite">Tasks in the suite.</param>
/// <param name="Tasks">Audited tasks, in suite order.</param>
/// <param name="Reruns">Reruns (without the store) that looked for flaky verdicts.</param>
/// <param name="MaxMutants">Mutants per task at most.</param>
/// <param name="Rounds">Rounds of each cost measurement.</param>
/// <param name="Samples">Samples file whose samples were rerun and measured, or null.</param>
/// <param name="Isolation">Isolation level.</param>
/// <param name="Seconds">Wall seconds of the audit.</param>
public sealed record AuditReport(string Suite, int TasksInSuite, IReadOnlyList<TaskAudit> Tasks, int Reruns, int MaxMutants, int Rounds,
    string? Samples, string Isolation, double Seconds)
{
    /// <summary>Tasks whose canonical solution fails its own tests.</summary>
    public IReadOnlyList<TaskAudit> CanonicalFailing => Tasks.Where(t => t.Canonical is not ("passed" or TaskAudit.NotJudged)).ToList();

    /// <summary>Tasks the suite's protocol leaves out (ENAMEL's unscored tasks): no verdicts, no mutants.</summary>
    public IReadOnlyList<TaskAudit> NotJudged => Tasks.Where(t => t.Canonical == TaskAudit.NotJudged).ToList();

    /// <summary>Tasks whose prompt gives examples that call the entry point.</summary>
    public IReadOnlyList<TaskAudit> WithExamples => Tasks.Where(t => t.Examples is not null).ToList();

    /// <summary>Tasks whose prompt examples the canonical solution does not reproduce.</summary>
    public IReadOnlyList<TaskAudit> ExamplesDisagree =>
        Tasks.Where(t => t.Examples is { Verdict: not ("passed" or ExampleAudit.NotChecked) }).ToList();

    /// <summary>Tasks whose examples' results could not be compared (no plain data).</summary>
    public IReadOnlyList<TaskAudit> ExamplesNotChecked => Tasks.Where(t => t.Examples is { Verdict: ExampleAudit.NotChecked }).ToList();

    /// <summary>Tasks with a verdict that changed over reruns.</summary>
    public IReadOnlyList<TaskAudit> FlakyTasks => Tasks.Where(t => t.Flaky.Count > 0).ToList();

    /// <summary>Tasks with at least one surviving mutant.</summary>
    public IReadOnlyList<TaskAudit> WeakTasks => Tasks.Where(t => t.Survivors.Count > 0).ToList();

    /// <summary>Mean mutation score over tasks with mutants (null when none).</summary>
    public double? MeanMutationScore => Mean(Tasks.Select(t => t.MutationScore));

    /// <summary>Mean mutation score of the base tests alone (EvalPlus suites).</summary>
    public double? MeanMutationScoreBase => Mean(Tasks.Select(t => t.MutationScoreBase));

    /// <summary>Tasks whose measured input is dominated by overhead.</summary>
    public IReadOnlyList<TaskAudit> OverheadDominated => Tasks.Where(t => t.Cost is { OverheadDominated: true }).ToList();

    /// <summary>Tasks measured whose reference cost varies more than 5 % over rounds.</summary>
    public IReadOnlyList<TaskAudit> Unstable => Tasks.Where(t => t.Cost is { Detail: null, Stable: false }).ToList();

    /// <summary>Tasks measured.</summary>
    public int Measured => Tasks.Count(t => t.Cost is { Detail: null });

    /// <summary>Tasks with a duplicate.</summary>
    public IReadOnlyList<TaskAudit> DuplicateTasks => Tasks.Where(t => t.Duplicates.Count > 0).ToList();

    private static double? Mean(IEnumerable<double?> values)
    {
        var list = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return list.Count == 0 ? null : list.Average();
    }
}
