namespace PerfJudge.Audit;

/// <summary>What the audit found about one task, with its evidence.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Canonical">Verdict of the canonical solution on the task's own tests (base and plus on EvalPlus suites).</param>
/// <param name="CanonicalDetail">Why it did not pass, as the judge saw it.</param>
/// <param name="CanonicalBase">On EvalPlus suites, its verdict on the base tests alone; else null.</param>
/// <param name="InputsNotTests">Inputs that are no tests: rejected by the contract, or the canonical solution raises on them (EvalPlus suites).</param>
/// <param name="Flaky">Verdicts that changed over the reruns, as "who: v1, v2, ..." (empty: none changed).</param>
/// <param name="Mutants">Mutants judged.</param>
/// <param name="Killed">Mutants some test rejected (base and plus on EvalPlus suites).</param>
/// <param name="KilledBase">On EvalPlus suites, mutants the base tests alone rejected; else null.</param>
/// <param name="Survivors">Mutants every test accepted, as "line N: mutation" (some may be equivalent to the reference).</param>
/// <param name="Cost">Efficiency discrimination, or null when the suite gives no explicit input to measure on.</param>
/// <param name="Duplicates">Other tasks with the same normalized prompt, canonical solution or inputs.</param>
/// <param name="Examples">The prompt's examples run against the canonical solution, or null when the prompt gives none.</param>
public sealed record TaskAudit(string TaskId, string Canonical, string? CanonicalDetail, string? CanonicalBase, int InputsNotTests,
    IReadOnlyList<string> Flaky, int Mutants, int Killed, int? KilledBase, IReadOnlyList<string> Survivors, CostAudit? Cost,
    IReadOnlyList<string> Duplicates, ExampleAudit? Examples = null)
{
    /// <summary>The canonical verdict of a task the suite's protocol does not judge (ENAMEL's unscored tasks).</summary>
    public const string NotJudged = "not judged";

    /// <summary>Killed over judged mutants (null without mutants).</summary>
    public double? MutationScore => Mutants == 0 ? null : (double)Killed / Mutants;

    /// <summary>Killed by the base tests over judged mutants (EvalPlus suites).</summary>
    public double? MutationScoreBase => Mutants == 0 || KilledBase is null ? null : (double)KilledBase.Value / Mutants;
}
